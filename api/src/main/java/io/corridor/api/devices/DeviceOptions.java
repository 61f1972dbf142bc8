package io.corridor.api.devices;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.List;

/** Device management settings. */
public final class DeviceOptions {

  /** How long a rotated-out key keeps working. */
  public static final ConfigKey KEY_OVERLAP = new ConfigKey("devices.key-overlap", "24h",
      "How long a device's previous key stays valid after POST /v1/devices/{id}/rotate (0s: at once invalid)");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(KEY_OVERLAP);

  private final Duration keyOverlap;

  /** Reads and validates the device keys. */
  public DeviceOptions(Settings settings) {
    this.keyOverlap = settings.getDuration(KEY_OVERLAP);
    if (keyOverlap.isNegative()) {
      throw new ConfigException(KEY_OVERLAP, keyOverlap.toString(), "must not be negative");
    }
  }

  public Duration keyOverlap() { return keyOverlap; }
}
