package io.corridor.events.bus;

/**
 * Every event-bus address Corridor uses, in one place. Bodies are Avro records carried by
 * {@link AvroMessageCodec}; once published a record must not be changed.
 */
public final class BusAddresses {

  /**
   * Sent, local-only, for each {@link io.corridor.events.PlateRead} newly committed by this node's
   * writer (retried duplicates are not sent again). Body: one {@code PlateRead}. Rules consume it.
   */
  public static final String READS_STORED = "corridor.reads.stored";

  /** Published after an {@link io.corridor.events.Alert} is committed. Body: one {@code Alert}. */
  public static final String ALERTS_RAISED = "corridor.alerts.raised";

  /**
   * Published cluster-wide after a device is created, has its key rotated or is revoked
   * ({@code /v1/devices}), so every node reloads its device registry at once instead of at its next
   * periodic reload. Body: the device id (a {@code String}); the registry is re-read from the database.
   */
  public static final String DEVICES_CHANGED = "corridor.devices.changed";

  private BusAddresses() {}
}
