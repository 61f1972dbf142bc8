package io.corridor.platform.devices;

import java.time.Instant;

/**
 * A registered device.
 *
 * @param id device id
 * @param kind camera, drone, tracker, controller (junction signals) or agent (an OpenALPR agent posting
 *     for the cameras registered to it)
 * @param keySha256 SHA-256 of the device key
 * @param active false once revoked
 * @param previousKeySha256 SHA-256 of the key before the last rotation, or {@code null}
 * @param previousKeyValidUntil until when the previous key is still accepted, or {@code null}
 * @param agentId for a camera served by an OpenALPR agent: the agent device's id, else {@code null}
 * @param agentCameraId the agent's number for this camera (its messages' {@code camera_id}), or {@code null}
 * @param agentUid for an agent device: the {@code agent_uid} of the agent installation it was
 *     registered for (every message of that agent carries it), or {@code null} when not recorded
 */
public record Device(String id, String kind, byte[] keySha256, boolean active, byte[] previousKeySha256,
    Instant previousKeyValidUntil, String agentId, Long agentCameraId, String agentUid) {

  /** A device without a recorded {@code agent_uid}. */
  public Device(String id, String kind, byte[] keySha256, boolean active, byte[] previousKeySha256,
      Instant previousKeyValidUntil, String agentId, Long agentCameraId) {
    this(id, kind, keySha256, active, previousKeySha256, previousKeyValidUntil, agentId, agentCameraId, null);
  }

  /** The kind of an OpenALPR agent device. */
  public static final String AGENT = "agent";

  /** A device no agent serves. */
  public Device(String id, String kind, byte[] keySha256, boolean active, byte[] previousKeySha256,
      Instant previousKeyValidUntil) {
    this(id, kind, keySha256, active, previousKeySha256, previousKeyValidUntil, null, null);
  }

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
