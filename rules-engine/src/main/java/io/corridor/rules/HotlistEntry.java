package io.corridor.rules;

import io.corridor.events.Severity;
import java.time.Instant;

/**
 * One wanted, stolen or uninsured vehicle. The plate is held only as its blind-index hash.
 *
 * @param expiresAt when the entry stops matching, or {@code null} for no end
 */
public record HotlistEntry(String id, byte[] plateHash, String reason, Severity severity, Instant expiresAt) {

  /** Whether the entry still matches at {@code when}. */
  public boolean activeAt(Instant when) {
    return expiresAt == null || when.isBefore(expiresAt);
  }
}
