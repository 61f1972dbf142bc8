package io.corridor.api.queries;

import io.corridor.api.BadRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/** Where a page of reads ended: the last read's time and id, opaque to clients ({@code after}). */
public record Cursor(Instant time, UUID id) {

  /** Before every read at or after {@code from}. */
  public static Cursor start(Instant from) {
    return new Cursor(from.minusNanos(1000), new UUID(Long.MAX_VALUE, Long.MAX_VALUE));
  }

  /** The opaque token. */
  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
    return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a token made by {@link #encode()}. */
  public static Cursor decode(String token) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 2);
      return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw new BadRequest("after", "after must be the 'next' value of a previous page");
    }
  }
}
