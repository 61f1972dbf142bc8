package io.corridor.ingest.openalpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.Point;
import io.corridor.ingest.IngestException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decodes messages written in the agent's webhook format, kept under {@code payloads/openalpr}. */
class OpenAlprWebhookDecoderTest {

  private static final String AGENT = "QF4NKPDW3X6WJ2BGTSU7HZR8EAMVCLY5NO1I9QKD";

  private final OpenAlprWebhookDecoder decoder = new OpenAlprWebhookDecoder();

  static byte[] payload(String name) throws IOException {
    try (InputStream in = OpenAlprWebhookDecoderTest.class.getResourceAsStream("/payloads/openalpr/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void aMessageWithoutCameraIdHasCameraNumberMinusOne() throws IOException {
    JsonObject group = new JsonObject(new String(payload("alpr_group.json"), StandardCharsets.UTF_8));
    group.remove("camera_id");
    JsonObject frame = new JsonObject(new String(payload("alpr_results.json"), StandardCharsets.UTF_8)).put("camera_id", 7);
    assertThat(((OpenAlprMessage.Group) decoder.decode(group.encode().getBytes(StandardCharsets.UTF_8))).cameraNumber())
        .isEqualTo(-1);
    assertThat(((OpenAlprMessage.Frame) decoder.decode(frame.encode().getBytes(StandardCharsets.UTF_8))).cameraNumber())
        .isEqualTo(7);
  }

  @Test
  void readsAGroupWithItsBestPlateCandidatesCornersCropsAndPosition() throws IOException {
    OpenAlprMessage message = decoder.decode(payload("alpr_group.json"));

    assertThat(message).isInstanceOfSatisfying(OpenAlprMessage.Group.class, group -> {
      assertThat(group.key()).isEqualTo(AGENT + "-1042-1764583200120");
      assertThat(group.frameUuids()).hasSize(4);
      assertThat(group.start()).isEqualTo(Instant.ofEpochMilli(1764583200120L));
      assertThat(group.end()).isEqualTo(Instant.ofEpochMilli(1764583201420L));
      assertThat(group.seenAt()).isEqualTo(Instant.ofEpochMilli(1764583200553L));
      assertThat(group.cameraNumber()).isEqualTo(1042);
      assertThat(group.agentUid()).isEqualTo(AGENT);
      assertThat(group.agentCountry()).isEqualTo("eu");
      assertThat(group.location().getLat()).isEqualTo(42.6629);
      assertThat(group.location().getLon()).isEqualTo(21.1655);
      assertThat(group.preview()).isFalse();
      assertThat(group.vehicleCrop()).startsWith((byte) 0xFF, (byte) 0xD8);
      OpenAlprMessage.Plate best = group.best();
      assertThat(best.candidates()).extracting(PlateCandidate::text).containsExactly("03456KR", "O3456KR", "03456K");
      assertThat(best.candidates()).extracting(c -> Math.round(c.confidence() * 10_000))
          .as("percent scaled to 0..1").containsExactly(9182L, 8410L, 7735L);
      assertThat(best.matchesTemplate()).isFalse();
      assertThat(best.corners()).containsExactly(new Point(612, 498), new Point(741, 502), new Point(740, 531),
          new Point(611, 527));
      assertThat(best.region()).isNull();
      assertThat(best.crop()).startsWith((byte) 0xFF, (byte) 0xD8);
      assertThat(best.processingTime().toMillis()).isEqualTo(38);
    });
  }

  @Test
  void readsAFrameWithEachOfItsPlates() throws IOException {
    OpenAlprMessage message = decoder.decode(payload("alpr_results.json"));

    assertThat(message).isInstanceOfSatisfying(OpenAlprMessage.Frame.class, frame -> {
      assertThat(frame.uuid()).isEqualTo(AGENT + "-1042-1764583260850");
      assertThat(frame.agentUid()).isEqualTo(AGENT);
      assertThat(frame.takenAt()).isEqualTo(Instant.ofEpochMilli(1764583260850L));
      assertThat(frame.plates()).hasSize(2);
      assertThat(frame.plates().get(0).candidates()).extracting(PlateCandidate::text).containsExactly("PR512KS", "PR5I2KS");
      assertThat(frame.plates().get(0).crop()).isNotNull();
      assertThat(frame.plates().get(1).candidates().getFirst().text()).isEqualTo("BG1234AB");
      assertThat(frame.plates().get(1).candidates().getFirst().confidence()).isCloseTo(0.8612, within(1e-9));
      assertThat(frame.plates().get(1).crop()).as("the second plate came without a crop").isNull();
    });
  }

  @ParameterizedTest
  @CsvSource({"alpr_alert.json, alpr_alert", "vehicle.json, vehicle", "heartbeat.json, heartbeat"})
  void messagesWithoutAReadOfTheirOwnAreIgnoredByType(String file, String reason) throws IOException {
    assertThat(decoder.decode(payload(file))).isEqualTo(new OpenAlprMessage.Ignored(reason));
  }

  @Test
  void theAgentsTestMessageAndUnknownTypesAreIgnoredToo() {
    assertThat(decoder.decode(bytes("{\"openalpr_webhook\": \"test\"}"))).isEqualTo(new OpenAlprMessage.Ignored("test"));
    assertThat(decoder.decode(bytes("{\"data_type\": \"alpr_parking\"}"))).isEqualTo(new OpenAlprMessage.Ignored("other"));
  }

  @Test
  void aPreviewGroupIsMarkedSo() throws IOException {
    JsonObject group = new JsonObject(new String(payload("alpr_group.json"), StandardCharsets.UTF_8)).put("is_preview", true);
    assertThat(decoder.decode(bytes(group.encode()))).isInstanceOfSatisfying(OpenAlprMessage.Group.class,
        g -> assertThat(g.preview()).isTrue());
  }

  @Test
  void aGroupWithoutUuidsIsKeyedByItsBestFrame() throws IOException {
    JsonObject group = new JsonObject(new String(payload("alpr_group.json"), StandardCharsets.UTF_8));
    group.remove("uuids");
    assertThat(decoder.decode(bytes(group.encode()))).isInstanceOfSatisfying(OpenAlprMessage.Group.class,
        g -> assertThat(g.key()).isEqualTo(AGENT + "-1042-1764583200553"));
  }

  @Test
  void errorsNameTheAgentsField() throws IOException {
    String group = new String(payload("alpr_group.json"), StandardCharsets.UTF_8);
    assertField(new JsonObject(group).put("best_plate", new JsonObject(group).getJsonObject("best_plate")
        .put("confidence", 140)), "best_plate.confidence");
    JsonObject noPlate = new JsonObject(group);
    noPlate.getJsonObject("best_plate").remove("plate");
    assertField(noPlate, "best_plate.plate");
    JsonObject threeCorners = new JsonObject(group);
    threeCorners.getJsonObject("best_plate").getJsonArray("coordinates").remove(0);
    assertField(threeCorners, "best_plate.coordinates");
    assertField(new JsonObject(group).put("vehicle_crop_jpeg", "not*base64!"), "vehicle_crop_jpeg");
    JsonObject noStart = new JsonObject(group);
    noStart.remove("epoch_start");
    assertField(noStart, "epoch_start");
    assertField(new JsonObject(new String(payload("alpr_results.json"), StandardCharsets.UTF_8)).put("results", "none"),
        "results");
    assertField(new JsonObject().put("version", 2), "data_type");
  }

  @Test
  void aBodyThatIsNotOneJsonObjectIsMalformed() {
    for (String body : new String[] {"", "[{\"data_type\": \"alpr_group\"}]", "{\"data_type\": "}) {
      assertThatThrownBy(() -> decoder.decode(bytes(body))).as(body).isInstanceOfSatisfying(IngestException.class,
          e -> assertThat(e.error()).isEqualTo("malformed_body"));
    }
  }

  private void assertField(JsonObject json, String field) {
    assertThatThrownBy(() -> decoder.decode(bytes(json.encode()))).isInstanceOfSatisfying(IngestException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.field()).isEqualTo(field);
    });
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
