package io.corridor.node;

import io.corridor.config.Settings;
import io.corridor.storage.Database;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.audit.AnchorFile;
import io.corridor.storage.audit.AnchorOptions;
import io.corridor.storage.audit.AuditAnchor;
import io.corridor.storage.audit.AuditVerifier;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/corridor audit verify [--anchors FILE] [--config FILE] [--db.url URL]}: recomputes the
 * audit chain, names the first broken row and holds the log against the signed anchors, which
 * reveal a deleted tail or a chain rewritten from some row on. Configuration as for {@code token}:
 * the demo's by default (its database URL from the demo's credentials file). Exit 0 intact, 1
 * tampering found, 2 bad usage.
 */
final class AuditCommand {

  private final Settings settings;
  private final Path anchors;

  AuditCommand(Settings settings, Path anchors) {
    this.settings = settings;
    this.anchors = anchors;
  }

  /** From the command line, with the demo's configuration as fallback. */
  static AuditCommand fromCommandLine(CommandLine cli, Path demoDir) throws Exception {
    Settings settings = cli.settings(demoDir.resolve(DemoCommand.CONFIG_FILE));
    String url = settings.get(StorageOptions.DB_URL);
    Path credentials = demoDir.resolve("credentials.json");
    if ((url == null || url.isBlank()) && Files.exists(credentials)) {
      String demoUrl = new JsonObject(Files.readString(credentials)).getString("database", "");
      settings = settings.with(StorageOptions.DB_URL, demoUrl);
    }
    Path anchors = cli.has("anchors") ? Path.of(cli.option("anchors", "")) : new AnchorOptions(settings).file();
    return new AuditCommand(settings, anchors);
  }

  /** Verifies and prints the findings to {@code out}; returns the exit code. */
  int run(PrintStream out) throws Exception {
    AnchorOptions options = new AnchorOptions(settings);
    List<AuditAnchor> signed = new AnchorFile(anchors).readAll();
    try (Database database = Database.open(new StorageOptions(settings))) {
      if (!database.isReachable()) {
        throw new IllegalArgumentException("database " + settings.get(StorageOptions.DB_URL)
            + " is not reachable; is the node (or bin/corridor demo) running? set --db.url");
      }
      AuditVerifier.Report report = new AuditVerifier(database.dataSource()).verify(signed, options.publicKey().orElse(null));
      out.println("audit log: " + report.rows() + " rows, last row " + report.lastSeq());
      out.println("anchors:   " + report.anchorsChecked() + " of " + signed.size() + " checked from " + anchors
          + (signed.isEmpty() ? " (none: only the chain's own consistency is checked)" : ""));
      report.firstBroken().ifPresent(seq -> out.println("first broken row: " + seq));
      report.problems().forEach(p -> out.println("PROBLEM: " + p));
      out.println(report.intact() ? "INTACT" : "TAMPERED");
      return report.intact() ? 0 : 1;
    }
  }
}
