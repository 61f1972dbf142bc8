package io.corridor.events.bus;

/**
 * Every event-bus address Corridor uses, in one place. Bodies are Avro records carried by
 * {@link AvroMessageCodec}; once published a record must not be changed.
 */
public final class BusAddresses {

  /**
   * Published, local-only, for each {@link io.corridor.events.PlateRead} newly committed by this node's
   * writer (retried duplicates are not sent again). Body: one {@code PlateRead}. Rules and the cargo
   * cross-check consume it; published, not sent, so that every consumer sees every read.
   */
  public static final String READS_STORED = "corridor.reads.stored";

  /**
   * Published, local-only, once per commit of this node's positions writer that newly stored
   * {@link io.corridor.events.Position}s in {@code positions} (a retried position already stored is
   * not published again), whichever way they arrived (/v1/positions, OsmAnd, MQTT, OwnTracks).
   * Body: one {@link StoredPositions}, the committed positions in the order written, each with
   * {@code receivedTime}, {@code authenticated}, {@code protocol} and {@code flags} set; every
   * consumer gets the same instances (no copy) and must not change them. One message per commit,
   * not per position: a deep copy and a dispatch per position were most of the writer's work after
   * its commit. Positions of one tracker may arrive out of event-time order; consumers order them by
   * {@code eventTime}. The cargo outbox (and through it the cargo alert detectors) consumes it;
   * published, not sent, so that every consumer sees every one.
   */
  public static final String POSITIONS_STORED = "corridor.positions.stored";

  /** Published after an {@link io.corridor.events.Alert} is committed. Body: one {@code Alert}. */
  public static final String ALERTS_RAISED = "corridor.alerts.raised";

  /**
   * Published cluster-wide after a device is created, has its key rotated or is revoked
   * ({@code /v1/devices}), so every node reloads its device registry at once instead of at its next
   * periodic reload. Body: the device id (a {@code String}); the registry is re-read from the database.
   */
  public static final String DEVICES_CHANGED = "corridor.devices.changed";

  /**
   * Published, cluster-wide, for each cargo alert change once it is stored: an alert raised or
   * closed (each once, however often the change was judged). Body: a JSON object, the alert as
   * {@code GET /v1/shipments/{id}/alerts} shows it plus {@code "change": "raised" | "closed"}. Every
   * node's {@code GET /v1/cargo/alerts/stream} clients receive it.
   */
  public static final String CARGO_ALERTS = "corridor.cargo.alerts";

  private BusAddresses() {}
}
