package io.corridor.platform.devices;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The devices this node knows, replaced whole on each reload so readers never see a half-loaded
 * registry. Thread-safe.
 */
public final class DeviceRegistry {

  /** Outcome of presenting a device id and key. */
  public enum AuthResult { OK, MISSING, UNKNOWN, BAD_KEY, REVOKED }

  private final Clock clock;
  private volatile Map<String, Device> devices = Map.of();
  private volatile Map<String, Device> agentCameras = Map.of();

  /** An empty registry on the system clock. */
  public DeviceRegistry() {
    this(Clock.systemUTC());
  }

  /** An empty registry judging rotated keys' overlap by {@code clock}. */
  public DeviceRegistry(Clock clock) {
    this.clock = clock;
  }

  /** Replaces the whole registry. */
  public void replace(Map<String, Device> latest) {
    Map<String, Device> cameras = new java.util.HashMap<>();
    latest.values().stream().filter(d -> d.agentId() != null)
        .forEach(d -> cameras.put(agentKey(d.agentId(), d.agentCameraId()), d));
    agentCameras = Map.copyOf(cameras); // a reader may see the new index with the old devices for a moment: both valid
    devices = Map.copyOf(latest);
  }

  /** The camera registered to agent {@code agentId} under the agent's number {@code cameraId}, active or revoked. */
  public Optional<Device> agentCamera(String agentId, long cameraId) {
    return Optional.ofNullable(agentCameras.get(agentKey(agentId, cameraId)));
  }

  private static String agentKey(String agentId, long cameraId) {
    return agentId + "\u0000" + cameraId;
  }

  /** The device, when registered (active or revoked). */
  public Optional<Device> find(String id) {
    return Optional.ofNullable(devices.get(id));
  }

  /** Number of registered devices. */
  public int size() {
    return devices.size();
  }

  /** Checks a device's credentials. */
  public AuthResult authenticate(String id, String key) {
    if (id == null || id.isBlank() || key == null || key.isBlank()) {
      return AuthResult.MISSING;
    }
    Device device = devices.get(id);
    if (device == null) {
      return AuthResult.UNKNOWN;
    }
    if (!device.keyMatches(key, clock.instant())) {
      return AuthResult.BAD_KEY;
    }
    return device.active() ? AuthResult.OK : AuthResult.REVOKED;
  }
}
