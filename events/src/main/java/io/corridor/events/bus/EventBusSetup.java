package io.corridor.events.bus;

import io.vertx.core.eventbus.EventBus;
import org.apache.avro.specific.SpecificRecord;

/**
 * Registers {@link AvroMessageCodec} once per Vert.x instance and selects it for Avro bodies, and the
 * local-only codec of {@link StoredPositions}.
 */
public final class EventBusSetup {

  private EventBusSetup() {}

  /** Call once, before any verticle sends Avro records on {@code bus}. */
  public static void registerAvroCodec(EventBus bus) {
    bus.registerCodec(new AvroMessageCodec());
    bus.registerCodec(new StoredPositions.Codec());
    bus.codecSelector(body -> body instanceof SpecificRecord ? AvroMessageCodec.NAME
        : body instanceof StoredPositions ? StoredPositions.CODEC : null);
  }
}
