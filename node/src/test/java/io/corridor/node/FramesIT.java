package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corridor.testkit.PlateImages;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames flow through the pipeline: a real PNG posted by a camera is recognised by the built-in
 * engine and its plate stored like any camera read, once, with the frame id and no image kept.
 */
class FramesIT {

  static CorridorNode node;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isRegularFile(Path.of("/usr/share/tesseract-ocr/5/tessdata/eng.traineddata")),
        "Debian tesseract-ocr-eng is not installed (bin/corridor test installs it when run as root)");
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("frames"), NodeFixture.uniqueCluster(),
        Map.of("anpr.engine", "builtin", "anpr.max-frame-bytes", "200000")));
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
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/frames"))
        .timeout(Duration.ofSeconds(60))
        .header("X-Device-Id", NodeFixture.CAMERA).header("X-Device-Key", NodeFixture.CAMERA_KEY)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(image));
    if (eventTime != null) {
      request.header("X-Event-Time", eventTime);
    }
    if (frameId != null) {
      request.header("X-Frame-Id", frameId);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
