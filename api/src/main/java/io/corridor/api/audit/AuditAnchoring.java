package io.corridor.api.audit;

import io.corridor.storage.AuditLog;
import io.corridor.storage.audit.AnchorFile;
import io.corridor.storage.audit.AuditAnchor;
import java.io.IOException;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors the audit chain's head outside the database: signs the newest row's sequence number and
 * hash and appends the line to the anchor file and to the node's log. Writes nothing when the head
 * has not moved since the last anchor. Blocking.
 */
public final class AuditAnchoring {

  private static final Logger LOG = LoggerFactory.getLogger(AuditAnchoring.class);

  private final AuditLog audit;
  private final AnchorFile file;
  private final PrivateKey key;
  private final Clock clock;
  private long lastSeq = -1;

  /** Anchors {@code audit}'s head into {@code file} signed with {@code key}. */
  public AuditAnchoring(AuditLog audit, AnchorFile file, PrivateKey key, Clock clock) {
    this.audit = audit;
    this.file = file;
    this.key = key;
    this.clock = clock;
  }

  /** Signs and appends the current head unless it was anchored already; returns the new anchor. */
  public synchronized Optional<AuditAnchor> anchor() throws SQLException, IOException {
    if (lastSeq < 0) {
      lastSeq = file.last().map(AuditAnchor::seq).orElse(0L);
    }
    AuditLog.Head head = audit.head();
    if (head.seq() == 0 || head.seq() == lastSeq) {
      return Optional.empty();
    }
    AuditAnchor anchor = AuditAnchor.sign(head.seq(), head.hash(), clock.instant(), key);
    file.append(anchor);
    lastSeq = head.seq();
    LOG.info("audit {}", anchor.line());
    return Optional.of(anchor);
  }
}
