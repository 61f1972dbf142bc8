package io.corridor.platform.devices;

import java.time.Instant;

/**
 * A registered device.
 *
 * @param id device id
 * @param kind camera, drone, tracker or controller (junction signals)
 * @param keySha256 SHA-256 of the device key
 * @param active false once revoked
 * @param previousKeySha256 SHA-256 of the key before the last rotation, or {@code null}
 * @param previousKeyValidUntil until when the previous key is still accepted, or {@code null}
 */
public record Device(String id, String kind, byte[] keySha256, boolean active, byte[] previousKeySha256,
    Instant previousKeyValidUntil) {

  /** A device with one key (never rotated, or its previous key expired). */
  public Device(String id, String kind, byte[] keySha256, boolean active) {
    this(id, kind, keySha256, active, null, null);
  }

  /** Whether the device may send plate reads (cameras and drones). */
  public boolean readsPlates() {
    return kind.equals("camera") || kind.equals("drone");
  }

  /** Whether {@code key} is the device's key, or its previous key still inside the overlap at {@code now}. */
  public boolean keyMatches(String key, Instant now) {
    if (DeviceKeys.matches(key, keySha256)) {
      return true;
    }
    return previousKeySha256 != null && previousKeyValidUntil != null && now.isBefore(previousKeyValidUntil)
        && DeviceKeys.matches(key, previousKeySha256);
  }
}
