package io.corridor.node;

import io.corridor.platform.devices.Device;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.EventIds;
import io.corridor.testkit.PlateImages;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames flow through the pipeline: a real PNG posted by a camera is recognised by the built-in
 * engine and its plate stored like any camera read, once, with the frame id and no image kept.
 * Frames of one vehicle from one camera become one read naming every frame, answered after commit.
 */
class FramesIT {

  /** Short, but longer than the gaps between frames that two recognition threads leave on a busy machine. */
  static final Duration WINDOW = Duration.ofSeconds(1);

  static CorridorNode node;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("frames"), NodeFixture.uniqueCluster(),
        Map.of("anpr.engine", "builtin", "anpr.max-frame-bytes", "200000", "anpr.group-window", WINDOW.toMillis() + "ms",
            "anpr.group-max-span", "5s", "anpr.evidence-cache-ttl", "10s")));
    NodeFixture.registerDevices(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static HttpResponse<String> postFrame(byte[] image, String contentType, String eventTime, String frameId)
      throws Exception {
    return postFrameAsync(node.httpPort(), NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, image, contentType, eventTime,
        frameId).get();
  }

  static CompletableFuture<HttpResponse<String>> postFrameAsync(int port, String camera, String key, byte[] image,
      String contentType, String eventTime, String frameId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/frames"))
        .timeout(Duration.ofSeconds(60))
        .header("X-Device-Id", camera).header("X-Device-Key", key)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(image));
    if (eventTime != null) {
      request.header("X-Event-Time", eventTime);
    }
    if (frameId != null) {
      request.header("X-Frame-Id", frameId);
    }
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String readIdOf(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray reads = new JsonObject(response.body()).getJsonArray("reads");
    assertThat(reads).as(response.body()).hasSize(1);
    return reads.getJsonObject(0).getString("eventId");
  }

  static long count(String sql) throws Exception {
    return NodeFixture.count(node, sql);
  }

  @Test
  void aFrameBecomesAStoredReadOnceEvenWhenRetried() throws Exception {
    String frameId = UUID.randomUUID().toString();
    byte[] png = PlateImages.plate("AB123CD");
    String takenAt = Instant.now().toString();

    HttpResponse<String> first = postFrame(png, "image/png", takenAt, frameId);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonObject body = new JsonObject(first.body());
    assertThat(body.getString("frameId")).isEqualTo(frameId);
    JsonArray reads = body.getJsonArray("reads");
    assertThat(reads).hasSize(1);
    assertThat(reads.getJsonObject(0).getString("plate")).isEqualTo("AB123CD");
    String readId = reads.getJsonObject(0).getString("eventId");

    // A camera's retry repeats the frame as it was: same id, same time.
    HttpResponse<String> retry = postFrame(png, "image/png", takenAt, frameId);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(new JsonObject(retry.body()).getJsonArray("reads").getJsonObject(0).getString("eventId")).isEqualTo(readId);

    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + readId + "' AND frame_ids = ARRAY['"
        + frameId + "'] AND plate_hash = decode('" + java.util.HexFormat.of().formatHex(node.protector().hash("AB123CD"))
        + "', 'hex')")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE '" + frameId + "' = ANY(frame_ids)")).isEqualTo(1);
  }

  @Test
  void framesOfOneVehicleFromOneCameraBecomeOneReadNamingEveryFrame() throws Exception {
    byte[] png = PlateImages.plate("AB123CD");
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<String> frames = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
    String otherCameraFrame = UUID.randomUUID().toString();

    // Sent together, as a camera streams them: each answer comes only once the whole group is committed.
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      sent.add(postFrameAsync(node.httpPort(), NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, png, "image/png", t.plusMillis(150L * i).toString(),
          frames.get(i)));
    }
    var other = postFrameAsync(node.httpPort(), NodeFixture.OTHER_CAMERA, NodeFixture.OTHER_KEY, png, "image/png",
        t.plusMillis(100).toString(), otherCameraFrame);

    String readId = EventIds.deterministic("frame", frames.getFirst(), "0");
    for (var answer : sent) {
      assertThat(readIdOf(answer.get())).as("every frame of the vehicle names the group's read").isEqualTo(readId);
    }
    String otherRead = readIdOf(other.get());
    assertThat(otherRead).isNotEqualTo(readId);

    String anyOfTheFrames = "frame_ids && ARRAY['" + String.join("','", frames) + "']";
    assertThat(count("SELECT count(*) FROM plate_reads WHERE " + anyOfTheFrames)).as("one read for the vehicle").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + readId + "' AND device_id = '"
        + NodeFixture.CAMERA + "' AND event_time = '" + t + "' AND frame_ids = ARRAY['" + String.join("','", frames)
        + "'] AND plate_hash = decode('" + HexFormat.of().formatHex(node.protector().hash("AB123CD")) + "', 'hex')"))
        .as("its id and time come from the first frame; it lists every frame in order").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE device_id = '" + NodeFixture.OTHER_CAMERA
        + "' AND frame_ids = ARRAY['" + otherCameraFrame + "']")).as("another camera's frame is not merged").isEqualTo(1);

    // The camera missed an answer and retries: at once (the node still remembers) and later (from the database).
    assertThat(readIdOf(postFrame(png, "image/png", t.plusMillis(150).toString(), frames.get(1)))).isEqualTo(readId);
    Thread.sleep(WINDOW.plusSeconds(1).plusMillis(600).toMillis());
    assertThat(readIdOf(postFrame(png, "image/png", t.plusMillis(300).toString(), frames.get(2)))).isEqualTo(readId);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE " + anyOfTheFrames)).as("retries make no second read").isEqualTo(1);
  }

  @Test
  void aFrameWithoutAPlateIsNotAnError() throws Exception {
    HttpResponse<String> response = postFrame(PlateImages.empty(), "image/png", Instant.now().toString(), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getJsonArray("reads")).isEmpty();
  }

  @Test
  void badFramesGetClearErrors() throws Exception {
    byte[] png = PlateImages.plate("AB123CD");
    byte[] corrupt = java.util.Arrays.copyOf(png, 40);
    assertError(postFrame(corrupt, "image/png", Instant.now().toString(), null), 400, "PNG");
    byte[] notAnImage = "this is not an image at all, just some text".getBytes();
    assertError(postFrame(notAnImage, "image/jpeg", Instant.now().toString(), null), 400, "");
    assertError(postFrame(png, "image/gif", Instant.now().toString(), null), 415, "image/jpeg or image/png");
    assertError(postFrame(png, "image/png", null, null), 400, "X-Event-Time");
    assertError(postFrame(png, "image/png", Instant.now().toString(), "frame-7"), 400, "UUID");
    assertError(postFrame(new byte[250_000], "image/png", Instant.now().toString(), null), 413, "exceeds");
  }

  static void assertError(HttpResponse<String> response, int status, String reasonPart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isNotBlank();
    assertThat(body.getString("field") + " " + body.getString("reason")).contains(reasonPart);
  }
}
