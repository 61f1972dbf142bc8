package io.corridor.load;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.tracking.positions.PositionRows;
import io.corridor.tracking.positions.PositionValidator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Positions for {@code bench tracking}: trackers driving from Durrës towards Prishtina, one fix
 * every 10 s each, with the sensors a fuel tanker sends. The same positions are the OsmAnd
 * requests, the MQTT payloads and the COPY rows, all encoded before timing.
 *
 * <p>The fixes themselves are not kept once encoded: the bench's JVM is the node's too, and four
 * workloads of 100 000 {@link Position}s with their boxed fields (eight million objects, about a
 * quarter of a gigabyte) made every concurrent marking cycle of the node's collector longer.
 *
 * @param deviceIds the tracker of each fix (one string per tracker)
 * @param requests one OsmAnd query string (path and query) per fix
 * @param payloads one Corridor JSON MQTT payload per fix
 * @param copyBatches binary COPY payloads of {@code batch} rows each: the fixes as stored (derived ids,
 *     received time stamped)
 */
public record TrackingWorkload(List<String> deviceIds, List<String> requests, List<byte[]> payloads,
    List<byte[]> copyBatches) {

  /** {@code count} fixes spread over {@code trackers} trackers named {@code prefix-<n>}, ending at {@code end}. */
  public static TrackingWorkload generate(String prefix, Map<String, String> keys, int trackers, int count, int batch,
      Instant end) {
    List<String> deviceIds = new ArrayList<>(count);
    List<String> requests = new ArrayList<>(count);
    List<byte[]> payloads = new ArrayList<>(count);
    List<byte[]> copy = new ArrayList<>();
    List<Position> rows = new ArrayList<>(batch);
    String[] ids = new String[trackers];
    for (int t = 0; t < trackers; t++) {
      ids[t] = prefix + "-" + t;
    }
    int perTracker = perTracker(count, trackers);
    for (int i = 0; i < count; i++) {
      int tracker = i % trackers;
      int step = i / trackers;
      String id = ids[tracker];
      Instant time = end.minusSeconds(10L * (perTracker - step)).minusMillis(tracker);
      double[] at = at(tracker, step);
      double lat = at[0];
      double lon = at[1];
      float kmh = 60 + (step % 20);
      double fuel = 30_000 - step * 0.8;
      Position p = Position.newBuilder().setEventId(PositionValidator.derivedId(id, time)).setDeviceId(id).setEventTime(time)
          .setReceivedTime(end).setLocation(new GeoPoint(lat, lon)).setSpeedKmh(kmh).setHeadingDeg(45f).setBatteryPct(90f)
          .setTemperatureC(4.5f).setSensors(Map.of("fuel", fuel, "temp1", 4.5)).setProtocol("osmand").build();
      deviceIds.add(id);
      rows.add(p);
      if (rows.size() == batch || i == count - 1) {
        copy.add(PositionRows.encode(rows));
        rows.clear();
      }
      requests.add(String.format(Locale.ROOT, "/?id=%s&key=%s&timestamp=%d&lat=%.6f&lon=%.6f&speed=%.3f&bearing=45&batt=90"
              + "&fuel=%.1f&temp1=4.5", id, URLEncoder.encode(keys.get(id), StandardCharsets.UTF_8), time.toEpochMilli(),
          lat, lon, kmh / 1.852, fuel));
      payloads.add(String.format(Locale.ROOT, "{\"eventTime\":%d,\"location\":{\"lat\":%.6f,\"lon\":%.6f},\"speedKmh\":%.1f,"
              + "\"headingDeg\":45,\"batteryPct\":90,\"temperatureC\":4.5,\"sensors\":{\"fuel\":%.1f,\"temp1\":4.5}}",
          time.toEpochMilli(), lat, lon, kmh, fuel).getBytes(StandardCharsets.UTF_8));
    }
    return new TrackingWorkload(deviceIds, requests, payloads, copy);
  }

  /** Where tracker number {@code tracker} is at its {@code step}th fix: lat, lon (about 100 m apart). */
  static double[] at(int tracker, int step) {
    return new double[] {41.32 + step * 0.0007 + tracker * 0.001, 19.45 + step * 0.0008};
  }

  /** Fixes each tracker sends when {@code count} are spread over {@code trackers}. */
  static int perTracker(int count, int trackers) {
    return (count + trackers - 1) / trackers;
  }
}
