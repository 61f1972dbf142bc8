package io.corridor.tracking.osmand;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Position;
import io.corridor.tracking.testing.CapturedRequest;
import io.corridor.tracking.testing.RawHttp;
import io.corridor.tracking.testing.RawHttp.Answer;
import io.corridor.tracking.testing.TrackingFixture;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trackers configured for a Traccar server, pointed at Corridor's OsmAnd port, byte for byte. */
class OsmAndIT {

  static TrackingFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = TrackingFixture.start(RawHttp.capturedClock());
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  static Answer send(String payload) throws Exception {
    return RawHttp.exchange(fixture.osmandPort, CapturedRequest.load(payload).raw());
  }

  @Test
  void everyCapturedFormIsStoredAfterCommitAndOnceOnRetry() throws Exception {
    String[] payloads = {"osmand/traccar-client-android-query.http", "osmand/osmand-app-get.http",
        "osmand/tracker-form-body.http", "osmand/tracker-location-iso.http", "traccar/traccar-client-json.http",
        "traccar/traccar-client-json-unknown-values.http"};
    for (String payload : payloads) {
      Answer answer = send(payload);
      assertThat(answer.status()).as(payload + ": " + answer.body()).isEqualTo(200);
      assertThat(answer.body()).isEmpty();
    }
    String count = "SELECT count(*) FROM positions WHERE device_id = '" + TrackingFixture.TRACKER + "'";
    assertThat(fixture.count(count)).isEqualTo(payloads.length);
    // The tracker did not see the answer and sends the same fix again: stored once.
    assertThat(send("osmand/traccar-client-android-query.http").status()).isEqualTo(200);
    assertThat(send("traccar/traccar-client-json.http").status()).isEqualTo(200);
    assertThat(fixture.count(count)).isEqualTo(payloads.length);
    fixture.awaitStored(p -> p.getDeviceId().equals(TrackingFixture.TRACKER), payloads.length);
    assertThat(fixture.stored).extracting(Position::getProtocol).contains("osmand", "traccar-json");

    try (Connection c = fixture.database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT speed_kmh, temperature_c, seal_closed, sensors::text, alarms, authenticated,"
            + " protocol FROM positions WHERE event_time = '2026-11-30T08:02:00Z'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getFloat(1)).isEqualTo(0f);
      assertThat(rs.getFloat(2)).isEqualTo(4.6f);
      assertThat(rs.getBoolean(3)).isTrue();
      JsonObject sensors = new JsonObject(rs.getString(4));
      assertThat(sensors.getDouble("fuel")).isEqualTo(412.5);
      assertThat(sensors.getBoolean("door")).isFalse();
      assertThat(sensors.containsKey("key")).as("the key is never stored").isFalse();
      assertThat((String[]) rs.getArray(5).getArray()).containsExactly("tampering", "powerCut");
      assertThat(rs.getBoolean(6)).isTrue();
      assertThat(rs.getString(7)).isEqualTo("osmand");
    }
  }

  @Test
  void legacyTrackerWithoutKeyIsStoredUnauthenticated() throws Exception {
    Answer answer = send("osmand/legacy-without-key.http");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = 'trk-legacy-01' AND NOT authenticated"))
        .isEqualTo(1);
  }

  @Test
  void badInputGetsAClearError() throws Exception {
    assertError(send("osmand/bad-unknown-id.http"), 400, "id");
    assertError(send("osmand/bad-lat-not-a-number.http"), 400, "lat");
    assertError(send("osmand/bad-speed-impossible.http"), 400, "speed");
    assertError(send("osmand/bad-no-fix.http"), 400, "lat");
    assertError(send("traccar/bad-latitude-as-string.http"), 400, "location.coords.latitude");
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = 'trk-nobody'")).isZero();
  }

  @Test
  void keysAreCheckedAndRevokedTrackersRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + fixture.osmandPort + "/?lat=41.5&lon=19.5&timestamp=1796025960&id=";
    assertError(get(http, base + TrackingFixture.TRACKER), 401, "key");
    assertError(get(http, base + TrackingFixture.TRACKER + "&key=wrong"), 401, "key");
    assertError(get(http, base + TrackingFixture.REVOKED + "&key=" + TrackingFixture.REVOKED_KEY), 403, null);
    assertError(get(http, base + TrackingFixture.CAMERA + "&key=" + TrackingFixture.CAMERA_KEY), 403, null);
    Answer legacyWrongKey = toAnswer(get(http, base + TrackingFixture.LEGACY + "&key=wrong"));
    assertThat(legacyWrongKey.status()).as("a legacy tracker that sends a key must send the right one").isEqualTo(401);
    Answer legacyRightKey = toAnswer(get(http, base + TrackingFixture.LEGACY + "&key=" + TrackingFixture.LEGACY_KEY));
    assertThat(legacyRightKey.status()).isEqualTo(200);
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = 'trk-legacy-01' AND authenticated"))
        .isEqualTo(1);
    HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + fixture.osmandPort + "/other")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Answer toAnswer(HttpResponse<String> r) {
    return new Answer(r.version() + " " + r.statusCode(), r.statusCode(), java.util.Map.of(), r.body());
  }

  private static void assertError(HttpResponse<String> r, int status, String field) {
    assertError(toAnswer(r), status, field);
  }

  private static void assertError(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    JsonObject error = new JsonObject(answer.body());
    assertThat(error.getString("reason")).isNotBlank();
    if (field != null) {
      assertThat(error.getString("field")).isEqualTo(field);
    }
  }
}
