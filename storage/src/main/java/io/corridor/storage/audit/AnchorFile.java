package io.corridor.storage.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The append-only file of audit anchors, one line each. Appends are forced to disk before they
 * return. Lines that are not anchors (comments, blank) are skipped when read.
 */
public final class AnchorFile {

  private final Path path;

  /** The file at {@code path} (created on first append, with its directory). */
  public AnchorFile(Path path) {
    this.path = path;
  }

  /** Appends {@code anchor} and forces it to disk. */
  public synchronized void append(AuditAnchor anchor) throws IOException {
    if (path.toAbsolutePath().getParent() != null) {
      Files.createDirectories(path.toAbsolutePath().getParent());
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      channel.write(ByteBuffer.wrap((anchor.line() + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
  }

  /** Every anchor in the file, in file order; empty when the file does not exist. */
  public List<AuditAnchor> readAll() throws IOException {
    List<AuditAnchor> anchors = new ArrayList<>();
    if (!Files.exists(path)) {
      return anchors;
    }
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      if (line.startsWith("anchor ")) {
        anchors.add(AuditAnchor.parse(line));
      }
    }
    return anchors;
  }

  /** The last anchor written, if any. */
  public Optional<AuditAnchor> last() throws IOException {
    List<AuditAnchor> all = readAll();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
  }

  /** Where the file is. */
  public Path path() {
    return path;
  }
}
