package io.corridor.tracking.positions;

import io.corridor.platform.devices.Device;

/**
 * Who sent a position.
 *
 * @param device the registered tracker (or drone)
 * @param authenticated false when a legacy tracker sent without its key: its identity is only claimed
 */
public record TrackerIdentity(Device device, boolean authenticated) {

  /** The device id. */
  public String id() {
    return device.id();
  }
}
