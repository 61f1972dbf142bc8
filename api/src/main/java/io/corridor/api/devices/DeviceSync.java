package io.corridor.api.devices;

import io.corridor.events.bus.BusAddresses;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.platform.devices.DeviceRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Makes a device change effective: this node's registry is re-read from the database, then
 * {@link BusAddresses#DEVICES_CHANGED} is published so every other node does the same at once
 * (their periodic reload stays as the backstop for a lost notice).
 */
public final class DeviceSync {

  private final Vertx vertx;
  private final DeviceRegistry registry;
  private final DeviceRepository repository;

  /** Reloads {@code registry} from {@code repository}. */
  public DeviceSync(Vertx vertx, DeviceRegistry registry, DeviceRepository repository) {
    this.vertx = vertx;
    this.registry = registry;
    this.repository = repository;
  }

  /** Reloads this node's registry, then tells the cluster that device {@code id} changed. */
  public Future<Void> changed(String id) {
    return reload().onSuccess(v -> vertx.eventBus().publish(BusAddresses.DEVICES_CHANGED, id));
  }

  /** Re-reads the registry from the database on a worker thread. */
  public Future<Void> reload() {
    return vertx.executeBlocking(() -> {
      registry.replace(repository.loadAll());
      return null;
    }, false);
  }
}
