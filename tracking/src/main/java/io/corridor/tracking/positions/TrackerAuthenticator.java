package io.corridor.tracking.positions;

import io.corridor.ingest.IngestException;
import io.corridor.platform.devices.Device;
import io.corridor.platform.devices.DeviceKeys;
import io.corridor.platform.devices.DeviceRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides who a position comes from. Trackers prove themselves with their key (headers on
 * {@code /v1/positions}, password on MQTT, the {@code key} parameter on OsmAnd); only a tracker
 * registered as legacy may leave the key out on OsmAnd, and its positions are then marked
 * unauthenticated. Unknown, revoked, wrong-key and wrong-kind devices are refused.
 *
 * <p>OsmAnd sends the key with every fix, so the last key verified for each tracker is remembered
 * with the registry entry it was verified against: the next fix with the same key costs a
 * constant-time comparison instead of a SHA-256. A reload of the registry (revocation, rotation,
 * a new key) replaces the entry, so the remembered key no longer counts and the key is digested
 * again; revocation is checked on the current entry before anything remembered is used.
 */
public final class TrackerAuthenticator {

  private static final int MAX_REMEMBERED = 200_000;

  /** A key that hashed to {@code device}'s digest. */
  private record Verified(Device device, String key) {}

  private final DeviceRegistry devices;
  private final LegacyTrackers legacy;
  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  /** Checks against {@code devices}; {@code legacy} lists who may send without a key. */
  public TrackerAuthenticator(DeviceRegistry devices, LegacyTrackers legacy) {
    this.devices = devices;
    this.legacy = legacy;
  }

  /**
   * A device that must present its key.
   *
   * @param kind the device kind required ({@code tracker} or {@code drone})
   * @throws IngestException 401 missing, unknown or wrong credentials; 403 revoked or wrong kind
   */
  public TrackerIdentity requireKey(String deviceId, String key, String kind) {
    Device device = switch (devices.authenticate(deviceId, key)) {
      case OK -> devices.find(deviceId).orElseThrow();
      case MISSING -> throw new IngestException(401, "unauthenticated", null,
          "send the device id in X-Device-Id and its key in X-Device-Key");
      case UNKNOWN, BAD_KEY -> throw new IngestException(401, "unauthenticated", null, "unknown device or wrong key");
      case REVOKED -> throw revoked(deviceId);
    };
    requireKind(device, kind);
    return new TrackerIdentity(device, true);
  }

  /**
   * A tracker or drone connecting with its key (MQTT: username = device id, password = key).
   *
   * @throws IngestException 401 missing, unknown or wrong credentials; 403 revoked or not a tracker or drone
   */
  public TrackerIdentity trackerOrDrone(String deviceId, String key) {
    Device device = switch (devices.authenticate(deviceId, key)) {
      case OK -> devices.find(deviceId).orElseThrow();
      case MISSING -> throw new IngestException(401, "unauthenticated", null,
          "connect with the device id as username and its key as password");
      case UNKNOWN, BAD_KEY -> throw new IngestException(401, "unauthenticated", null, "unknown device or wrong key");
      case REVOKED -> throw revoked(deviceId);
    };
    if (!device.kind().equals("tracker") && !device.kind().equals("drone")) {
      throw new IngestException(403, "forbidden", null, "device '" + deviceId + "' is a " + device.kind()
          + "; only trackers and drones publish over MQTT");
    }
    return new TrackerIdentity(device, true);
  }

  /**
   * An OsmAnd tracker: registered id plus {@code key}, or no key when registered as legacy.
   *
   * @throws IngestException 400 unknown id (as Traccar answers), 401 wrong or missing key, 403 revoked
   */
  public TrackerIdentity osmand(String deviceId, String key) {
    Optional<Device> found = deviceId == null ? Optional.empty() : devices.find(deviceId);
    if (found.isEmpty()) {
      throw IngestException.invalid("id", "unknown device '" + deviceId + "'; register the tracker first");
    }
    Device device = found.get();
    if (!device.active()) {
      throw revoked(deviceId);
    }
    requireKind(device, "tracker");
    if (key == null || key.isEmpty()) {
      if (legacy.contains(deviceId)) {
        return new TrackerIdentity(device, false);
      }
      throw new IngestException(401, "unauthenticated", "key",
          "tracker '" + deviceId + "' must send its key in the key parameter (only legacy trackers may not)");
    }
    if (!keyMatches(device, key)) {
      throw new IngestException(401, "unauthenticated", "key", "wrong key for tracker '" + deviceId + "'");
    }
    return new TrackerIdentity(device, true);
  }

  private boolean keyMatches(Device device, String key) {
    Verified last = verified.get(device.id());
    if (last != null && last.device() == device && sameKey(last.key(), key)) {
      return true; // the same registry entry (same digest, still active) and the same key
    }
    if (!DeviceKeys.matches(key, device.keySha256())) {
      return false;
    }
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear(); // bounded; trackers are simply digested again
    }
    verified.put(device.id(), new Verified(device, key));
    return true;
  }

  /**
   * Whether {@code presented} is the {@code remembered} key, in time that depends on the remembered
   * key's length only (as {@link java.security.MessageDigest#isEqual} on their bytes), without
   * encoding the presented key for every fix.
   */
  static boolean sameKey(String remembered, String presented) {
    int length = remembered.length();
    int other = presented.length();
    if (other == 0) {
      return length == 0;
    }
    int diff = length ^ other;
    for (int i = 0; i < length; i++) {
      diff |= remembered.charAt(i) ^ presented.charAt(((i - other) >>> 31) * i); // past its end: char 0, no branch
    }
    return diff == 0;
  }

  private static void requireKind(Device device, String kind) {
    if (!device.kind().equals(kind)) {
      throw new IngestException(403, "forbidden", null,
          "device '" + device.id() + "' is a " + device.kind() + ", not a " + kind);
    }
  }

  private static IngestException revoked(String deviceId) {
    return new IngestException(403, "device_revoked", null, "device '" + deviceId + "' has been revoked");
  }
}
