package io.corridor.tracking.osmand;

import io.corridor.ingest.IngestException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The timestamp forms of the OsmAnd protocol as Traccar reads them: a number below 2^31 is epoch
 * seconds, above is epoch milliseconds (fractions allowed); text with {@code T} is ISO-8601 (a
 * missing zone is UTC); otherwise {@code yyyy-MM-dd HH:mm:ss} in UTC.
 */
final class OsmAndTime {

  private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private OsmAndTime() {}

  static Instant parse(String raw, String field) {
    String v = raw.trim();
    try {
      if (numeric(v)) {
        double number = v.indexOf('.') < 0 && v.length() < 19 ? Long.parseLong(v) : Double.parseDouble(v);
        long millis = number < Integer.MAX_VALUE ? Math.round(number * 1000) : Math.round(number);
        return Instant.ofEpochMilli(millis);
      }
      if (v.indexOf('T') > 0) {
        try {
          return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException noZone) {
          return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        }
      }
      return LocalDateTime.parse(v, PLAIN).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw IngestException.invalid(field, "must be epoch seconds or milliseconds, ISO-8601 (2026-11-30T08:15:00Z)"
          + " or 'yyyy-MM-dd HH:mm:ss' in UTC; got '" + raw + "'");
    }
  }

  /** Digits and dots only (every fix of most trackers: parsed without a stream or a lambda). */
  private static boolean numeric(String v) {
    if (v.isEmpty()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if ((c < '0' || c > '9') && c != '.') {
        return false;
      }
    }
    return true;
  }
}
