package io.corridor.tracking.positions;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/**
 * What the decoders of every tracker protocol share per fix, made cheap because it runs once per
 * position received: a Position built with its schema defaults (no sensors, alarms or flags,
 * authenticated) without the Avro builder, which deep-copies each default from the schema on
 * every build; and the derived event id with a digest kept per thread.
 */
public final class PositionFixes {

  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no MD5 in this JVM", e);
    }
  });

  private PositionFixes() {}

  /**
   * A position of {@code deviceId} at {@code eventTime} and {@code location}, every optional
   * field unset, as {@code Position.newBuilder()...build()} makes it: the sensors map, alarms and
   * flags empty and mutable, {@code authenticated} true. An empty id is derived by the validator.
   */
  public static Position blank(String eventId, String deviceId, Instant eventTime, GeoPoint location) {
    return blank(eventId, deviceId, eventTime, location, new LinkedHashMap<>());
  }

  /** {@link #blank(String, String, Instant, GeoPoint)} with {@code sensors} (kept, not copied). */
  public static Position blank(String eventId, String deviceId, Instant eventTime, GeoPoint location,
      Map<String, Object> sensors) {
    return new Position(eventId, deviceId, eventTime, null, null, location, null, null, null, null, null, null, null,
        sensors, new ArrayList<>(0), true, null, new ArrayList<>(0));
  }

  /**
   * {@code EventIds.deterministic("position", deviceId, epochMillis)}: the name-based (type 3) UUID
   * of {@code position|<deviceId>|<epochMillis>}, digested with this thread's MD5.
   */
  static String derivedId(String deviceId, Instant eventTime) {
    MessageDigest md5 = MD5.get();
    md5.reset();
    byte[] hash = md5.digest(("position|" + deviceId + "|" + eventTime.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    hash[6] &= 0x0f;
    hash[6] |= 0x30; // version 3
    hash[8] &= 0x3f;
    hash[8] |= (byte) 0x80; // IETF variant
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (hash[i] & 0xff);
      lsb = (lsb << 8) | (hash[8 + i] & 0xff);
    }
    return new UUID(msb, lsb).toString();
  }
}
