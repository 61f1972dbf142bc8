package io.corridor.testkit;

import io.corridor.events.PlateRead;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builders of valid plate reads; tests change what they are about. */
public final class Reads {

  private Reads() {}

  /** A valid read from {@code deviceId} of {@code plate}, seen at {@code at}, with a fresh id. */
  public static PlateRead.Builder read(String deviceId, String plate, Instant at) {
    return PlateRead.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setDeviceId(deviceId)
        .setEventTime(at)
        .setPlate(plate)
        .setCountry("XK")
        .setConfidence(0.91f)
        .setLane(1)
        .setFrameIds(List.of());
  }
}
