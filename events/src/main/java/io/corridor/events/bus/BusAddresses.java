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

  private BusAddresses() {}
}
