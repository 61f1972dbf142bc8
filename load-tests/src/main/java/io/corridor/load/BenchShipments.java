package io.corridor.load;

import io.corridor.tracking.shipments.Mrn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The shipments of {@code bench tracking}: one declared and released shipment per bench tracker,
 * through the shipment API as customs would, so every fix the bench sends is judged by a running
 * monitor (corridor, stops, fuel, cold chain, seal, silence, border, overdue). Every route follows
 * its tracker's {@link TrackingWorkload} path inside a 2 km corridor, and the ETA lies a day ahead,
 * so a correct node raises no alert: the detectors do their full work and the bench can check
 * they stayed quiet. Even trackers carry fuel, odd ones cold-chain medical supplies.
 */
final class BenchShipments {

  private final String base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Declares on the node's HTTP port with a customs {@code token}. */
  BenchShipments(int httpPort, String token) {
    this.base = "http://127.0.0.1:" + httpPort;
    this.token = token;
  }

  /**
   * Declares and releases one shipment for each tracker id (MRNs {@code 26AL<run><n>}, {@code run} 7
   * letters or digits unique to the run and group), {@code n} of {@code trackers} in
   * {@code ids}, whose fixes {@link TrackingWorkload#generate} puts on a path of {@code steps} fixes.
   */
  void declare(String run, List<String> ids, int trackers, int steps, Instant end) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Void>> done = new java.util.ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        int n = i;
        done.add(pool.submit(() -> {
          declareOne(run, n, ids.get(n), n % trackers, steps, end);
          return null;
        }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void declareOne(String run, int n, String trackerId, int tracker, int steps, Instant end) throws Exception {
    boolean fuel = n % 2 == 0;
    double[] from = TrackingWorkload.at(tracker, -5);
    double[] to = TrackingWorkload.at(tracker, steps + 5);
    Instant first = end.minusSeconds(10L * (steps + 1));
    JsonObject d = new JsonObject()
        .put("mrn", Mrn.withCheck(String.format(Locale.ROOT, "26AL%s%06d", run, n)))
        .put("goods", fuel ? "fuel" : "medical").put("description", fuel ? "Diesel EN 590" : "Insulin, refrigerated")
        .put("quantity", fuel ? 30000 : 1200).put("unit", fuel ? "l" : "kg")
        .put("truckPlate", String.format(Locale.ROOT, "BN %05d", n)).put("trackers", new JsonArray().add(trackerId))
        .put("sealId", "ES-" + n).put("officeOfDeparture", "AL005001").put("officeOfDestination", "XK000101")
        .put("route", new JsonObject().put("corridorWidthM", 2000).put("points", new JsonArray()
            .add(new JsonArray().add(from[0]).add(from[1])).add(new JsonArray().add(to[0]).add(to[1]))))
        .put("crossings", new JsonArray()).put("stops", new JsonArray())
        .put("plannedDeparture", first.minusSeconds(600).toString())
        .put("eta", new JsonObject().put("earliest", end.plus(Duration.ofHours(12)).toString())
            .put("latest", end.plus(Duration.ofDays(1)).toString()));
    if (fuel) {
      d.put("fuelLitres", 30000);
    } else {
      d.put("temperature", new JsonObject().put("minC", 2).put("maxC", 8).put("excursionMinutes", 30));
    }
    JsonObject shipment = new JsonObject(send("/v1/shipments", d.encode()));
    send("/v1/shipments/" + shipment.getString("id") + "/release", "{\"note\": \"bench release\"}");
  }

  private String send(String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
