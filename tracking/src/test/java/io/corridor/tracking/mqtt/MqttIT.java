package io.corridor.tracking.mqtt;

import static io.corridor.tracking.testing.TrackingFixture.OTHER;
import static io.corridor.tracking.testing.TrackingFixture.OTHER_KEY;
import static io.corridor.tracking.testing.TrackingFixture.TRACKER;
import static io.corridor.tracking.testing.TrackingFixture.TRACKER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.testkit.MosquittoPub;
import io.corridor.testkit.MosquittoPub.Run;
import io.corridor.tracking.testing.RawHttp;
import io.corridor.tracking.testing.TrackingFixture;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trackers and OwnTracks publishing with Debian's mosquitto_pub to Corridor's MQTT server. */
class MqttIT {

  static TrackingFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    MosquittoPub.install();
    fixture = TrackingFixture.start(io.corridor.testkit.TestDatabase.fresh("mqtt"), RawHttp.capturedClock(), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  static byte[] payload(String name) throws Exception {
    try (InputStream in = MqttIT.class.getResourceAsStream("/payloads/mqtt/" + name)) {
      return in.readAllBytes();
    }
  }

  static Run pub(String user, String password, String topic, byte[] payload, String version) throws Exception {
    return MosquittoPub.publish(fixture.mqttPort, user, password, topic, payload, version, 10);
  }

  @Test
  void qos1PositionIsAcknowledgedAfterCommitAndStoredOnceOnRetry() throws Exception {
    String topic = "corridor/trackers/" + TRACKER + "/position";
    for (String version : new String[] {"mqttv311", "mqttv5"}) {
      Run run = pub(TRACKER, TRACKER_KEY, topic, payload("corridor-position.json"), version);
      assertThat(run.acknowledged()).as(run.output()).isTrue();
      assertThat(run.exitCode()).isZero();
    }
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE event_id = '6f1b9f4e-3c2a-4d7b-8e1f-2a3b4c5d6e7f'"
        + " AND protocol = 'mqtt-json' AND authenticated")).isEqualTo(1);
  }

  @Test
  void qos2IsReceivedOnlyAfterCommit() throws Exception {
    String body = "{\"eventTime\": \"2026-11-30T08:08:30Z\", \"location\": {\"lat\": 42.09, \"lon\": 20.45}}";
    Run run = MosquittoPub.await(MosquittoPub.start(fixture.mqttPort, TRACKER, TRACKER_KEY,
        "corridor/trackers/" + TRACKER + "/position", body.getBytes(), "mqttv311", 2), 10);
    assertThat(run.completed()).as(run.output()).isTrue();
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = '" + TRACKER
        + "' AND event_time = '2026-11-30T08:08:30Z'")).isEqualTo(1);
  }

  @Test
  void avroContainerOnTheTrackerTopic() throws Exception {
    Position p = Position.newBuilder().setEventId("7a2c0e5f-4d3b-4e8c-9f20-3b4c5d6e7f80").setDeviceId(TRACKER)
        .setEventTime(Instant.parse("2026-11-30T08:08:00Z")).setLocation(new GeoPoint(42.08, 20.44)).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<Position> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Position.class))) {
      writer.create(Position.getClassSchema(), out);
      writer.append(p);
    }
    Run run = pub(TRACKER, TRACKER_KEY, "corridor/trackers/" + TRACKER + "/position", out.toByteArray(), "mqttv311");
    assertThat(run.acknowledged()).as(run.output()).isTrue();
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE event_id = '" + p.getEventId()
        + "' AND protocol = 'mqtt-avro'")).isEqualTo(1);
  }

  @Test
  void ownTracksLocationIsStoredAndItsLastWillAcknowledged() throws Exception {
    Run location = pub(OTHER, OTHER_KEY, "owntracks/driver/" + OTHER, payload("owntracks-location.json"), "mqttv311");
    assertThat(location.acknowledged()).as(location.output()).isTrue();
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = '" + OTHER + "' AND protocol = 'owntracks'"
        + " AND speed_kmh = 62 AND event_time = '2026-11-30T08:07:00Z'")).isEqualTo(1);
    Run lwt = pub(OTHER, OTHER_KEY, "owntracks/driver/" + OTHER, payload("owntracks-lwt.json"), "mqttv311");
    assertThat(lwt.acknowledged()).as(lwt.output()).isTrue();
    assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = '" + OTHER + "' AND protocol = 'owntracks'"))
        .as("a last will carries no fix").isEqualTo(1);
  }

  @Test
  void wrongPasswordUnknownAndRevokedDevicesAreRefusedAtConnect() throws Exception {
    String topic = "corridor/trackers/" + TRACKER + "/position";
    for (String[] credentials : new String[][] {{TRACKER, "wrong"}, {"trk-nobody", "x"},
        {TrackingFixture.REVOKED, TrackingFixture.REVOKED_KEY}, {TrackingFixture.CAMERA, TrackingFixture.CAMERA_KEY}}) {
      Run run = pub(credentials[0], credentials[1], topic, payload("corridor-position.json"), "mqttv311");
      assertThat(run.acknowledged()).as(run.output()).isFalse();
      assertThat(run.exitCode()).as(run.output()).isNotZero();
      assertThat(run.output()).containsIgnoringCase("refused");
    }
  }

  @Test
  void databaseOutageMeansNoPubackAndTheDevicesRetryIsStoredOnce() throws Exception {
    io.corridor.storage.EmbeddedPostgresServer postgres = io.corridor.testkit.TestDatabase.dedicatedServer("mqtt-outage");
    try (TrackingFixture own = TrackingFixture.start(postgres.jdbcUrl(), RawHttp.capturedClock(),
        Map.of("db.connect-timeout", "1s", "ingest.write-timeout", "3s", "ingest.retry-after", "1s"))) {
      String topic = "corridor/trackers/" + TRACKER + "/position";
      postgres.stop();
      Run down = MosquittoPub.publish(own.mqttPort, TRACKER, TRACKER_KEY, topic, payload("corridor-position.json"), "mqttv311", 8);
      assertThat(down.acknowledged()).as(down.output()).isFalse();
      postgres.restart();
      Run up = null;
      for (int i = 0; i < 10 && (up == null || !up.acknowledged()); i++) {
        Thread.sleep(500);
        up = MosquittoPub.publish(own.mqttPort, TRACKER, TRACKER_KEY, topic, payload("corridor-position.json"), "mqttv311", 8);
      }
      assertThat(up.acknowledged()).as(up.output()).isTrue();
      assertThat(own.count("SELECT count(*) FROM positions")).isEqualTo(1);
    } finally {
      postgres.close();
    }
  }

  @Test
  void anotherDevicesTopicUnknownTopicsAndMalformedPayloadsAreRefused() throws Exception {
    String before = "SELECT count(*) FROM positions";
    long stored = fixture.count(before);
    Run foreign = pub(OTHER, OTHER_KEY, "corridor/trackers/" + TRACKER + "/position", payload("corridor-position.json"), "mqttv5");
    assertThat(foreign.acknowledged()).as(foreign.output()).isFalse();
    Run unknown = pub(TRACKER, TRACKER_KEY, "corridor/elsewhere", payload("corridor-position.json"), "mqttv311");
    assertThat(unknown.acknowledged()).as(unknown.output()).isFalse();
    Run malformed = pub(TRACKER, TRACKER_KEY, "corridor/trackers/" + TRACKER + "/position", payload("malformed-truncated.json"),
        "mqttv5");
    assertThat(malformed.acknowledged()).as(malformed.output()).isFalse();
    Run impossible = pub(TRACKER, TRACKER_KEY, "corridor/trackers/" + TRACKER + "/position",
        "{\"eventTime\": \"2026-11-30T08:07:30Z\", \"location\": {\"lat\": 42.1, \"lon\": 20.4}, \"speedKmh\": 900}".getBytes(),
        "mqttv311");
    assertThat(impossible.acknowledged()).as(impossible.output()).isFalse();
    Run notOwnTracks = pub(OTHER, OTHER_KEY, "owntracks/driver/" + OTHER, "{\"lat\": 1}".getBytes(), "mqttv311");
    assertThat(notOwnTracks.acknowledged()).as(notOwnTracks.output()).isFalse();
    assertThat(fixture.count(before)).isEqualTo(stored);
    // The server is still there for the next device.
    Run good = pub(OTHER, OTHER_KEY, "corridor/trackers/" + OTHER + "/position",
        "{\"eventTime\": \"2026-11-30T08:09:00Z\", \"location\": {\"lat\": 42.2, \"lon\": 20.5}}".getBytes(), "mqttv311");
    assertThat(good.acknowledged()).as(good.output()).isTrue();
  }
}
