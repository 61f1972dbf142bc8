package io.corridor.node;

import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.ingest.IngestRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Simulated edge devices for the demo: cameras post JSON batches, the drone posts Avro containers,
 * over real HTTP. Like a real edge they keep a batch that was answered 503 and send it again with
 * the same ids after Retry-After, so nothing is lost during an outage.
 */
final class DemoFeed implements AutoCloseable {

  /** A demo device and its key. */
  record DemoDevice(String id, String kind, String key, double lat, double lon, boolean active) {}

  private static final String[] REGIONS = {"01", "02", "03", "04", "05", "06", "07"};

  private final String base;
  private final List<DemoDevice> devices;
  private final List<String> hotlisted;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "demo-feed");
    t.setDaemon(true);
    return t;
  });
  private final Random random = new Random();
  private final Deque<Pending> retries = new ArrayDeque<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong deferred = new AtomicLong();
  private long ticks;

  private record Pending(DemoDevice device, List<PlateRead> reads) {}

  DemoFeed(String base, List<DemoDevice> devices, List<String> hotlisted) {
    this.base = base;
    this.devices = devices;
    this.hotlisted = hotlisted;
  }

  void start() {
    scheduler.scheduleWithFixedDelay(this::tick, 500, 1000, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      ticks++;
      int pendingNow = retries.size();
      for (int i = 0; i < pendingNow; i++) {
        Pending p = retries.poll();
        send(p.device(), p.reads());
      }
      for (DemoDevice device : devices) {
        send(device, batch(device, 1 + random.nextInt(4)));
      }
      if (ticks % 15 == 0) {
        System.out.printf("demo feed: %d reads acknowledged, %d waiting to be re-sent%n", accepted.get(), retries.size());
      }
    } catch (RuntimeException e) {
      System.err.println("demo feed: " + e);
    }
  }

  private List<PlateRead> batch(DemoDevice device, int size) {
    return java.util.stream.IntStream.range(0, size).mapToObj(i -> PlateRead.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setDeviceId(device.id())
        .setEventTime(Instant.now().minusMillis(random.nextInt(800)))
        .setPlate(plate())
        .setCountry("XK")
        .setConfidence(0.7f + random.nextFloat() * 0.29f)
        .setLane(1 + random.nextInt(3))
        .setSpeedKmh(device.kind().equals("drone") ? null : 40f + random.nextInt(90))
        .setLocation(device.kind().equals("drone") ? new GeoPoint(device.lat() + random.nextGaussian() * 0.01,
            device.lon() + random.nextGaussian() * 0.01) : null)
        .setFrameIds(List.of())
        .build()).toList();
  }

  private String plate() {
    if (random.nextInt(25) == 0) {
      return hotlisted.get(random.nextInt(hotlisted.size()));
    }
    return REGIONS[random.nextInt(REGIONS.length)] + "-" + (100 + random.nextInt(900)) + "-"
        + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
  }

  private void send(DemoDevice device, List<PlateRead> reads) {
    try {
      boolean avro = device.kind().equals("drone");
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/reads"))
          .timeout(Duration.ofSeconds(15))
          .header("Content-Type", avro ? "avro/binary" : "application/json")
          .header(IngestRoutes.DEVICE_ID_HEADER, device.id())
          .header(IngestRoutes.DEVICE_KEY_HEADER, device.key())
          .POST(HttpRequest.BodyPublishers.ofByteArray(avro ? avroBody(reads) : jsonBody(reads)))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        accepted.addAndGet(reads.size());
      } else if (response.statusCode() == 503) {
        deferred.addAndGet(reads.size());
        retries.add(new Pending(device, reads));
      } else {
        System.err.println("demo feed: " + device.id() + " got " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      retries.add(new Pending(device, reads));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static byte[] jsonBody(List<PlateRead> reads) {
    JsonArray array = new JsonArray();
    for (PlateRead r : reads) {
      JsonObject o = new JsonObject().put("eventId", r.getEventId()).put("deviceId", r.getDeviceId())
          .put("eventTime", r.getEventTime().toString()).put("plate", r.getPlate()).put("country", r.getCountry())
          .put("confidence", r.getConfidence()).put("lane", r.getLane()).put("speedKmh", r.getSpeedKmh());
      array.add(o);
    }
    return new JsonObject().put("reads", array).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] avroBody(List<PlateRead> reads) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<PlateRead> writer = new DataFileWriter<>(new SpecificDatumWriter<>(PlateRead.class))) {
      writer.create(PlateRead.getClassSchema(), out);
      for (PlateRead r : reads) {
        writer.append(r);
      }
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
