package io.corridor.platform.devices;

/**
 * A registered device.
 *
 * @param id device id
 * @param kind camera, drone, tracker or controller (junction signals)
 * @param keySha256 SHA-256 of the device key
 * @param active false once revoked
 */
public record Device(String id, String kind, byte[] keySha256, boolean active) {

  /** Whether the device may send plate reads (cameras and drones). */
  public boolean readsPlates() {
    return kind.equals("camera") || kind.equals("drone");
  }
}
