package io.corridor.api.devices;

import io.corridor.events.bus.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reloads this node's device registry whenever any node publishes {@link BusAddresses#DEVICES_CHANGED}. */
final class DeviceChangeListener extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceChangeListener.class);

  private final DeviceSync sync;
  private MessageConsumer<String> consumer;

  DeviceChangeListener(DeviceSync sync) {
    this.sync = sync;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(BusAddresses.DEVICES_CHANGED, message -> sync.reload()
        .onFailure(e -> LOG.warn("device {} changed but the registry reload failed; the periodic reload will retry: {}",
            message.body(), e.toString())));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }
}
