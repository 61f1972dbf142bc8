package io.corridor.ingest;

import io.corridor.platform.devices.Device;
import io.corridor.platform.devices.DeviceRegistry;

/** Turns a device's presented credentials into the device, or the HTTP refusal the device gets. */
public final class DeviceAuthentication {

  private DeviceAuthentication() {}

  /**
   * @throws IngestException 401 for missing, unknown or wrong credentials; 403 when revoked
   */
  public static Device require(DeviceRegistry devices, String deviceId, String deviceKey) {
    return switch (devices.authenticate(deviceId, deviceKey)) {
      case OK -> devices.find(deviceId).orElseThrow();
      case MISSING -> throw new IngestException(401, "unauthenticated", null,
          "send the device id in X-Device-Id and its key in X-Device-Key");
      case UNKNOWN, BAD_KEY -> throw new IngestException(401, "unauthenticated", null,
          "unknown device or wrong key");
      case REVOKED -> throw new IngestException(403, "device_revoked", null,
          "device '" + deviceId + "' has been revoked");
    };
  }
}
