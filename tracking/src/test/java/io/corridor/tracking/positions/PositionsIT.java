package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.storage.EmbeddedPostgresServer;
import io.corridor.testkit.TestDatabase;
import io.corridor.tracking.testing.TrackingFixture;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/positions} over real HTTP into a real database. */
class PositionsIT {

  static TrackingFixture fixture;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    fixture = TrackingFixture.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  static HttpResponse<String> post(int port, String device, String key, String type, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/positions"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (device != null) {
      b.header("X-Device-Id", device).header("X-Device-Key", key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postJson(String json) throws Exception {
    return post(fixture.httpPort, TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY, "application/json", json.getBytes());
  }

  static String at(int minutesAgo) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(minutesAgo, ChronoUnit.MINUTES).toString();
  }

  @Test
  void jsonBatchIsStoredOnceAndHandedOnAfterCommit() throws Exception {
    String id = UUID.randomUUID().toString();
    String body = """
        {"positions": [
          {"eventId": "%s", "eventTime": "%s", "location": {"lat": 41.40, "lon": 19.55}, "speedKmh": 72.5,
           "temperatureC": 4.2, "sealClosed": true, "batteryPct": 90, "sensors": {"fuel": 30100, "door": false},
           "alarms": []},
          {"eventTime": "%s", "location": {"lat": 41.41, "lon": 19.56}, "shipmentId": "shp-1"}
        ]}""".formatted(id, at(20), at(19));
    HttpResponse<String> r = postJson(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getJsonArray("accepted")).hasSize(2).contains(id);
    assertThat(postJson(body).statusCode()).as("a retry").isEqualTo(200);
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE event_id = '" + id + "'")).isEqualTo(1);
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE shipment_id = 'shp-1'")).isEqualTo(1);
    fixture.awaitStored(p -> p.getEventId().equals(id), 1);
    Position handed = fixture.stored.stream().filter(p -> p.getEventId().equals(id)).findFirst().orElseThrow();
    assertThat(handed.getProtocol()).isEqualTo("corridor-json");
    assertThat(handed.getSensors()).containsEntry("fuel", 30100.0);
    assertThat(handed.getReceivedTime()).isNotNull();
    assertThat(fixture.stored.stream().filter(p -> p.getEventId().equals(id))).as("the retry is not handed on again").hasSize(1);
  }

  @Test
  void avroContainerOfPositions() throws Exception {
    Position p = Position.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId(TrackingFixture.TRACKER)
        .setEventTime(Instant.now().minusSeconds(30)).setLocation(new GeoPoint(41.5, 19.6)).setSpeedKmh(55f)
        .setSensors(Map.of("temp1", 5.5, "ignition", true)).setFlags(List.of("forged")).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<Position> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Position.class))) {
      writer.create(Position.getClassSchema(), out);
      writer.append(p);
    }
    HttpResponse<String> r = post(fixture.httpPort, TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY, "avro/binary",
        out.toByteArray());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE event_id = '" + p.getEventId()
        + "' AND protocol = 'corridor-avro' AND cardinality(flags) = 0")).as("flags are Corridor's own").isEqualTo(1);
  }

  @Test
  void outOfOrderPositionsAreAcceptedAndHandedOnWithTheirEventTime() throws Exception {
    String late = at(3);
    String early = at(8);
    for (String time : new String[] {late, early}) {
      HttpResponse<String> r = post(fixture.httpPort, TrackingFixture.LEGACY, TrackingFixture.LEGACY_KEY, "application/json",
          ("{\"eventTime\": \"" + time + "\", \"location\": {\"lat\": 42.3, \"lon\": 20.9}}").getBytes());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = '" + TrackingFixture.LEGACY
        + "' AND cardinality(flags) = 0")).isEqualTo(2);
    fixture.awaitStored(p -> p.getDeviceId().equals(TrackingFixture.LEGACY), 2);
    assertThat(fixture.stored.stream().filter(p -> p.getDeviceId().equals(TrackingFixture.LEGACY))
        .map(p -> p.getEventTime().toString())).contains(late, early);
  }

  @Test
  void impossibleJumpIsStoredFlagged() throws Exception {
    assertThat(post(fixture.httpPort, TrackingFixture.OTHER, TrackingFixture.OTHER_KEY, "application/json", """
        {"eventTime": "%s", "location": {"lat": 42.0, "lon": 20.0}}""".formatted(at(10)).getBytes()).statusCode())
        .isEqualTo(200);
    HttpResponse<String> jump = post(fixture.httpPort, TrackingFixture.OTHER, TrackingFixture.OTHER_KEY, "application/json", """
        {"eventTime": "%s", "location": {"lat": 45.0, "lon": 20.0}}""".formatted(at(9)).getBytes());
    assertThat(jump.statusCode()).isEqualTo(200);
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = '" + TrackingFixture.OTHER
        + "' AND 'implausible-jump' = ANY(flags)")).isEqualTo(1);
  }

  @Test
  void badInputAndWrongDevicesGetClearErrors() throws Exception {
    error(postJson("{\"eventTime\": \"" + at(1) + "\", \"location\": {\"lat\": 95, \"lon\": 19}}"), 400, "location.lat");
    error(postJson("{\"eventTime\": \"" + at(1) + "\", \"location\": {\"lat\": 41, \"lon\": 19}, \"speedKmh\": 420}"),
        400, "speedKmh");
    error(postJson("{\"eventTime\": \"" + at(1) + "\"}"), 400, "location");
    error(postJson("{\"eventTime\": \"" + at(1) + "\", \"location\": {\"lat\": 41, \"lon\": 19}, \"deviceId\": \"trk-medical-02\"}"),
        403, "deviceId");
    error(postJson("[{\"eventTime\": \"" + at(1) + "\", \"location\": {\"lat\": 41, \"lon\": 19}}, {\"eventTime\": 5}]"),
        400, "positions[1].location");
    error(postJson("{\"eventTime\": "), 400, null);
    error(post(fixture.httpPort, TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY, "text/plain", "x".getBytes()), 415, null);
    error(post(fixture.httpPort, TrackingFixture.TRACKER, "wrong", "application/json", "{}".getBytes()), 401, null);
    error(post(fixture.httpPort, null, null, "application/json", "{}".getBytes()), 401, null);
    error(post(fixture.httpPort, TrackingFixture.REVOKED, TrackingFixture.REVOKED_KEY, "application/json", "{}".getBytes()), 403, null);
    error(post(fixture.httpPort, TrackingFixture.CAMERA, TrackingFixture.CAMERA_KEY, "application/json", "{}".getBytes()), 403, null);
    error(post(fixture.httpPort, TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY, "avro/binary", "Obj\1garbage".getBytes()),
        400, null);
  }

  @Test
  void databaseOutageIs503WithRetryAfterAndNothingIsLostOnRetry() throws Exception {
    EmbeddedPostgresServer postgres = TestDatabase.dedicatedServer("positions-outage");
    try (TrackingFixture own = TrackingFixture.start(postgres.jdbcUrl(), Clock.systemUTC(),
        Map.of("db.connect-timeout", "1s", "ingest.write-timeout", "5s", "ingest.retry-after", "1s"))) {
      String body = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"eventTime\": \"" + at(2)
          + "\", \"location\": {\"lat\": 41.3, \"lon\": 19.4}}";
      postgres.stop();
      HttpResponse<String> down = post(own.httpPort, TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY, "application/json",
          body.getBytes());
      assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).hasValue("1");
      postgres.restart();
      HttpResponse<String> up = null;
      for (int i = 0; i < 20; i++) {
        up = post(own.httpPort, TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY, "application/json", body.getBytes());
        if (up.statusCode() == 200) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
      assertThat(own.count("SELECT count(*) FROM positions")).isEqualTo(1);
    } finally {
      postgres.close();
    }
  }

  static void error(HttpResponse<String> r, int status, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonObject e = new JsonObject(r.body());
    assertThat(e.getString("reason")).isNotBlank();
    if (field != null) {
      assertThat(e.getString("field")).isEqualTo(field);
    }
  }
}
