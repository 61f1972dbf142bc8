package io.corridor.node;

import io.corridor.platform.devices.Device;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import io.corridor.testkit.Reads;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real node on a real PostgreSQL: what a camera sees when it posts reads. */
class IngestIT {

  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("ingest"), NodeFixture.uniqueCluster(),
        Map.of("ingest.max-body-bytes", "65536", "ingest.max-batch", "50", "ingest.writer.queue-capacity", "1000")));
    NodeFixture.registerDevices(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String json(String id, String plate, Instant at) {
    return new JsonObject().put("eventId", id).put("deviceId", NodeFixture.CAMERA).put("eventTime", at.toString())
        .put("plate", plate).put("country", "XK").put("confidence", 0.9).encode();
  }

  static long count(String sql) throws Exception {
    return NodeFixture.count(node, sql);
  }

  static void assertError(HttpResponse<String> response, int status, String field, String reasonPart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isNotBlank();
    if (field != null) {
      assertThat(body.getString("field")).isEqualTo(field);
    }
    assertThat(body.getString("reason")).contains(reasonPart);
  }

  @Test
  void acceptsOneJsonReadAfterCommitAndStoresItOnceWhenRetried() throws Exception {
    String id = UUID.randomUUID().toString();
    String body = json(id, "01-234-AB", Instant.now());

    HttpResponse<String> first = NodeFixture.postJson(node, body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(new JsonObject(first.body()).getJsonArray("accepted").getList()).containsExactly(id);
    // Acknowledged means committed: visible to another connection at once.
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + id + "'")).isEqualTo(1);

    HttpResponse<String> retry = NodeFixture.postJson(node, body);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(retry.body()).getJsonArray("accepted").getList()).containsExactly(id);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + id + "'")).isEqualTo(1);
  }

  @Test
  void acceptsAnAvroContainerBatch() throws Exception {
    List<PlateRead> reads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      reads.add(Reads.read(NodeFixture.CAMERA, "BG" + (100 + i) + "AB", Instant.now().minusSeconds(i)).build());
    }
    HttpResponse<String> response = NodeFixture.postReads(node, NodeFixture.CAMERA, NodeFixture.CAMERA_KEY,
        "avro/binary", NodeFixture.avroContainer(reads));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getJsonArray("accepted")).hasSize(20);
    String ids = String.join("','", reads.stream().map(PlateRead::getEventId).toList());
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id IN ('" + ids + "')")).isEqualTo(20);
  }

  @Test
  void refusesEachInvalidFieldWithItsName() throws Exception {
    Instant now = Instant.now();
    assertError(NodeFixture.postJson(node, json(UUID.randomUUID().toString(), "AB<123>", now)), 400, "plate", "A-Z");
    assertError(NodeFixture.postJson(node, json(UUID.randomUUID().toString(), "AB123CD", now.plus(1, ChronoUnit.HOURS))),
        400, "eventTime", "future");
    assertError(NodeFixture.postJson(node, json(UUID.randomUUID().toString(), "AB123CD", now.minus(30, ChronoUnit.DAYS))),
        400, "eventTime", "older than");
    assertError(NodeFixture.postJson(node, new JsonObject(json(UUID.randomUUID().toString(), "AB123CD", now))
        .put("confidence", 1.5).encode()), 400, "confidence", "between 0 and 1");
    assertError(NodeFixture.postJson(node, new JsonObject(json(UUID.randomUUID().toString(), "AB123CD", now))
        .put("deviceId", "cam-nobody-knows").encode()), 400, "deviceId", "unknown camera");
    assertError(NodeFixture.postJson(node, new JsonObject(json(UUID.randomUUID().toString(), "AB123CD", now))
        .put("deviceId", NodeFixture.OTHER_CAMERA).encode()), 403, "deviceId", "may not send reads");
    assertError(NodeFixture.postJson(node, json("not-a-uuid", "AB123CD", now)), 400, "eventId", "UUID");
    assertError(NodeFixture.postJson(node, "[" + json(UUID.randomUUID().toString(), "AB123CD", now) + ","
        + new JsonObject(json(UUID.randomUUID().toString(), "AB123CD", now)).put("confidence", "high").encode() + "]"),
        400, "reads[1].confidence", "number");
    assertThat(count("SELECT count(*) FROM plate_reads WHERE device_id = 'cam-nobody-knows'")).isZero();
  }

  @Test
  void refusesMalformedOversizeAndUnsupportedBodies() throws Exception {
    assertError(NodeFixture.postJson(node, "{\"eventId\": "), 400, null, "not valid JSON");
    assertError(NodeFixture.postReads(node, NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "avro/binary",
        "Obj\u0001 definitely not avro".getBytes()), 400, null, "Avro");
    assertError(NodeFixture.postReads(node, NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "text/plain", "hello".getBytes()),
        415, null, "Content-Type");
    byte[] huge = new byte[70_000];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertError(NodeFixture.postReads(node, NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "application/json", huge),
        413, null, "exceeds");
    List<PlateRead> tooMany = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      tooMany.add(Reads.read(NodeFixture.CAMERA, "AB123CD", Instant.now()).build());
    }
    assertError(NodeFixture.postReads(node, NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "avro/binary",
        NodeFixture.avroContainer(tooMany)), 413, null, "more than 50");
  }

  @Test
  void authenticatesEveryDevice() throws Exception {
    byte[] body = json(UUID.randomUUID().toString(), "AB123CD", Instant.now()).getBytes();
    assertError(NodeFixture.postReads(node, null, null, "application/json", body), 401, null, "X-Device-Id");
    assertError(NodeFixture.postReads(node, "cam-unknown", "whatever", "application/json", body), 401, null, "unknown device");
    assertError(NodeFixture.postReads(node, NodeFixture.CAMERA, "wrong-key", "application/json", body), 401, null, "wrong key");
    assertError(NodeFixture.postReads(node, NodeFixture.REVOKED, NodeFixture.REVOKED_KEY, "application/json", body),
        403, null, "revoked");
    String trackerRead = new JsonObject(new String(body)).put("deviceId", NodeFixture.TRACKER).encode();
    assertError(NodeFixture.postReads(node, NodeFixture.TRACKER, NodeFixture.TRACKER_KEY, "application/json",
        trackerRead.getBytes()), 400, "deviceId", "not a camera");
  }

  @Test
  void readsTableHoldsNoClearTextPlate() throws Exception {
    String plate = "KS" + (1000 + (int) (Math.random() * 8999)) + "ZZ";
    String id = UUID.randomUUID().toString();
    assertThat(NodeFixture.postJson(node, json(id, plate, Instant.now())).statusCode()).isEqualTo(200);
    // Every column of every row rendered as text (bytea as hex and as escaped bytes): the plate is nowhere.
    assertThat(count("SELECT count(*) FROM plate_reads r WHERE r::text ILIKE '%" + plate + "%'"
        + " OR encode(r.plate_ct, 'escape') LIKE '%" + plate + "%'"
        + " OR encode(r.plate_hash, 'escape') LIKE '%" + plate + "%'")).isZero();
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + id + "' AND plate_hash = decode('"
        + java.util.HexFormat.of().formatHex(node.protector().hash(plate)) + "', 'hex')")).isEqualTo(1);
  }
}
