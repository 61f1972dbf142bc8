package io.corridor.platform;

import com.hazelcast.core.HazelcastInstance;
import io.corridor.config.Settings;
import io.corridor.platform.auth.UserAuth;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.storage.AuditLog;
import io.corridor.storage.Database;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.evidence.FrameEvidence;
import io.corridor.storage.outbox.ReadOutboxes;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The shared infrastructure of one node that modules are wired from. Everything here is already
 * started: the database is migrated, the cluster joined, the device registry loaded.
 *
 * @param settings the node's configuration (each module reads its own typed options from it)
 * @param vertx the clustered Vert.x
 * @param hazelcast the cluster member, for state keyed by plate or shipment
 * @param database the migrated database and its pool
 * @param protector plate blind index and encryption with the configured keys
 * @param audit the hash-chained audit log
 * @param users verifies user tokens and checks roles on routes
 * @param devices registered devices (cameras, controllers, trackers, drones, OpenALPR agents) and their keys
 * @param frameEvidence the hook that keeps a received frame as evidence
 * @param metrics the node's meter registry (served at {@code /metrics})
 * @param clock the node's clock
 * @param readOutboxes outboxes committed with every group of newly stored plate reads: a module adds
 *     its own while it is wired
 * @param frames the node's frame pipeline (its plate recognizer, read grouping and evidence cache), for
 *     devices that send images other than through {@code /v1/frames}; {@code null} where there is none
 */
public record NodeContext(Settings settings, Vertx vertx, HazelcastInstance hazelcast, Database database,
    PlateProtector protector, AuditLog audit, UserAuth users, DeviceRegistry devices, FrameEvidence frameEvidence,
    MeterRegistry metrics, Clock clock, ReadOutboxes readOutboxes, FrameIntake frames) {

  /** A context without a frame pipeline for modules ({@code frames} is {@code null}; tests wiring one module). */
  public NodeContext(Settings settings, Vertx vertx, HazelcastInstance hazelcast, Database database,
      PlateProtector protector, AuditLog audit, UserAuth users, DeviceRegistry devices, FrameEvidence frameEvidence,
      MeterRegistry metrics, Clock clock, ReadOutboxes readOutboxes) {
    this(settings, vertx, hazelcast, database, protector, audit, users, devices, frameEvidence, metrics, clock,
        readOutboxes, null);
  }

  /** A context whose read outboxes no read writer consults (tests wiring one module). */
  public NodeContext(Settings settings, Vertx vertx, HazelcastInstance hazelcast, Database database,
      PlateProtector protector, AuditLog audit, UserAuth users, DeviceRegistry devices, FrameEvidence frameEvidence,
      MeterRegistry metrics, Clock clock) {
    this(settings, vertx, hazelcast, database, protector, audit, users, devices, frameEvidence, metrics, clock,
        new ReadOutboxes());
  }
}
