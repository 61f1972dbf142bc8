package io.corridor.node;

import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.storage.PartitionMaintenance;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled work. Retention runs once per cluster per interval: a node takes the cluster lock,
 * checks the last run recorded in a cluster map and runs only when it is due. The device registry
 * reloads on every node.
 */
final class MaintenanceVerticle extends VerticleBase {

  /** Cluster lock name guarding the retention job. */
  static final String RETENTION_LOCK = "corridor.jobs.retention";
  /** Cluster map holding each job's last run (epoch millis). */
  static final String JOBS_MAP = "corridor.jobs";

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceVerticle.class);

  private final PartitionMaintenance retention;
  private final Duration retentionInterval;
  private final DeviceRegistry devices;
  private final DeviceRepository deviceRepository;
  private final Duration deviceReload;
  private final Clock clock;
  private long retentionTimer;
  private long deviceTimer;

  MaintenanceVerticle(PartitionMaintenance retention, Duration retentionInterval, DeviceRegistry devices,
      DeviceRepository deviceRepository, Duration deviceReload, Clock clock) {
    this.retention = retention;
    this.retentionInterval = retentionInterval;
    this.devices = devices;
    this.deviceRepository = deviceRepository;
    this.deviceReload = deviceReload;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    // Check often; the cluster map decides whether a run is due, so nodes never double up.
    long checkEvery = Math.max(1000, Math.min(retentionInterval.toMillis(), 60_000));
    retentionTimer = vertx.setPeriodic(checkEvery, id -> runRetentionIfDue(retentionInterval)
        .onFailure(e -> LOG.warn("retention run failed: {}", e.toString())));
    deviceTimer = vertx.setPeriodic(deviceReload.toMillis(), id -> reloadDevices());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(retentionTimer);
    vertx.cancelTimer(deviceTimer);
    return Future.succeededFuture();
  }

  /**
   * Runs retention when the last cluster-wide run is older than {@code minGap}.
   *
   * @return the report, or empty when another node holds the lock or ran it recently
   */
  Future<Optional<PartitionMaintenance.Report>> runRetentionIfDue(Duration minGap) {
    return vertx.sharedData().getLockWithTimeout(RETENTION_LOCK, 500)
        .transform(locked -> {
          if (locked.failed()) {
            return Future.succeededFuture(Optional.<PartitionMaintenance.Report>empty());
          }
          return vertx.sharedData().<String, Long>getAsyncMap(JOBS_MAP)
              .compose(map -> map.get("retention").compose(last -> {
                long now = clock.millis();
                if (last != null && now - last < minGap.toMillis()) {
                  return Future.succeededFuture(Optional.<PartitionMaintenance.Report>empty());
                }
                return vertx.executeBlocking(retention::run, false)
                    .compose(report -> map.put("retention", now).map(v -> Optional.of(report)));
              }))
              .onComplete(done -> locked.result().release());
        });
  }

  private void reloadDevices() {
    vertx.executeBlocking(() -> {
      devices.replace(deviceRepository.loadAll());
      return null;
    }, false).onFailure(e -> LOG.warn("device registry reload failed; keeping the previous one: {}", e.toString()));
  }
}
