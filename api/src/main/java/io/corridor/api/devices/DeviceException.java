package io.corridor.api.devices;

/** A device change that cannot be made: the device is unknown (404) or in the wrong state (409). */
public final class DeviceException extends RuntimeException {

  private final int status;

  DeviceException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status this maps to. */
  public int status() {
    return status;
  }
}
