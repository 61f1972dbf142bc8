package io.corridor.rules.engine.site;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A measuring device's calibration certificate: courts ask for it with every speed ticket.
 *
 * @param certificate the certificate id
 * @param validUntil the last day (site local time) the certificate covers
 */
public record Calibration(String certificate, LocalDate validUntil) {

  /** Whether a measurement taken at {@code when} (in {@code zone}) is covered. */
  public boolean covers(Instant when, ZoneId zone) {
    return !when.atZone(zone).toLocalDate().isAfter(validUntil);
  }
}
