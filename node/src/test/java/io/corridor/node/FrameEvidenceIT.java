package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.EventIds;
import io.corridor.events.Severity;
import io.corridor.rules.HotlistRepository;
import io.corridor.rules.HotlistRule;
import io.corridor.storage.evidence.EvidenceResult;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.storage.evidence.EvidenceStore;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.MosquittoPub;
import io.corridor.testkit.PlateImages;
import io.corridor.testkit.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames are kept only as evidence: a frame whose plate is on the hotlist is copied, encrypted, into
 * {@code evidence_frames} with the alert as the reason; a frame of any other plate leaves nothing.
 * A drone's frame, published over MQTT, goes through the same pipeline and is kept the same way.
 */
class FrameEvidenceIT {

  static final String WANTED = "AB123CD";
  static final String DRONE = "drn-evidence-01";
  static final String DRONE_KEY = "drn-evidence-key-for-tests";
  static final int MQTT_PORT = FreePorts.next();
  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    MosquittoPub.install();
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("evidence"), NodeFixture.uniqueCluster(),
        Map.of("anpr.engine", "builtin", "anpr.group-window", "300ms", "rules.hotlist.reload-interval", "200ms",
            "mqtt.port", String.valueOf(MQTT_PORT))));
    new DeviceRepository(node.database().dataSource()).register(DRONE, "drone", DRONE_KEY, "patrol drone", null, null);
    NodeFixture.registerDevices(node);
    new HotlistRepository(node.database().dataSource())
        .add("stolen-7", WANTED, "reported stolen", Severity.CRITICAL, "test", node.protector());
    Thread.sleep(1000); // the rules engine reloads the hotlist every 200 ms
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String postFrame(byte[] png, String frameId, Instant takenAt) throws Exception {
    HttpResponse<String> response = FramesIT.postFrameAsync(node.httpPort(), NodeFixture.CAMERA, NodeFixture.CAMERA_KEY,
        png, "image/png", takenAt.toString(), frameId).get();
    return FramesIT.readIdOf(response);
  }

  static long count(String sql) throws Exception {
    return NodeFixture.count(node, sql);
  }

  static long waitForEvidence(String frameId) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    long rows = 0;
    while (rows == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      rows = count("SELECT count(*) FROM evidence_frames WHERE frame_id = '" + frameId + "'");
    }
    return rows;
  }

  @Test
  void aHotlistedPlatesFrameIsKeptEncryptedWithTheAlertAsReason() throws Exception {
    byte[] png = PlateImages.plate(WANTED);
    String frameId = UUID.randomUUID().toString();
    Instant takenAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    String readId = postFrame(png, frameId, takenAt);

    assertThat(waitForEvidence(frameId)).as("the frame is kept once its alert is raised").isEqualTo(1);
    String alertId = EventIds.deterministic(HotlistRule.RULE_ID, "stolen-7", readId);
    try (Connection c = node.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT device_id, taken_at, content_type, image_sha256, image_ct, reason, marked_by,
                   keep_until - marked_at = interval '90 days', marked_at > now() - interval '1 minute'
              FROM evidence_frames WHERE frame_id = ?::uuid""")) {
      ps.setString(1, frameId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(NodeFixture.CAMERA);
        assertThat(rs.getTimestamp(2).toInstant()).isEqualTo(takenAt);
        assertThat(rs.getString(3)).isEqualTo("image/png");
        assertThat(rs.getBytes(4)).isEqualTo(EvidenceStore.sha256(png));
        byte[] stored = rs.getBytes(5);
        assertThat(stored).as("the image is not stored in clear").isNotEqualTo(png).hasSize(png.length + 29);
        assertThat(indexOf(stored, java.util.Arrays.copyOfRange(png, 0, 64))).as("no clear PNG bytes").isNegative();
        assertThat(node.protector().decryptBytes(stored, EvidenceStore.context(NodeFixture.CAMERA, frameId)))
            .as("it decrypts back to the frame as sent").isEqualTo(png);
        assertThat(rs.getString(6)).isEqualTo("alert " + alertId);
        assertThat(rs.getString(7)).isEqualTo("rule:hotlist");
        assertThat(rs.getBoolean(8)).as("kept for retention.evidence-frames").isTrue();
        assertThat(rs.getBoolean(9)).isTrue();
      }
    }
    assertThat(count("SELECT count(*) FROM alerts WHERE alert_id = '" + alertId + "'")).isEqualTo(1);

    // Marking again keeps the one row; a frame this node does not hold is reported, not thrown.
    EvidenceResult again = node.frameEvidence().markEvidence(NodeFixture.CAMERA, frameId, "case 12", "officer-7").join();
    assertThat(again.outcome()).isEqualTo(EvidenceResult.Outcome.ALREADY_STORED);
    assertThat(count("SELECT count(*) FROM evidence_frames WHERE frame_id = '" + frameId + "'")).isEqualTo(1);
    EvidenceResult unknown = node.frameEvidence()
        .markEvidence(NodeFixture.CAMERA, UUID.randomUUID().toString(), "case 12", "officer-7").join();
    assertThat(unknown.outcome()).isEqualTo(EvidenceResult.Outcome.NOT_AVAILABLE);
    assertThat(unknown.detail()).contains("not available");
  }

  @Test
  void aFrameOfAPlateNotOnTheHotlistLeavesNoTrace() throws Exception {
    String frameId = UUID.randomUUID().toString();

    String readId = postFrame(PlateImages.plate("NS456EF"), frameId, Instant.now());

    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + readId + "'")).as("the read is stored").isEqualTo(1);
    Thread.sleep(1500);
    assertThat(count("SELECT count(*) FROM alerts WHERE subject_id = '" + readId + "'")).isZero();
    assertThat(count("SELECT count(*) FROM evidence_frames WHERE frame_id = '" + frameId + "'")).isZero();
  }

  @Test
  void aDronesFrameOfAHotlistedPlateIsReadWhereTheDroneWasAndKeptAsEvidence() throws Exception {
    byte[] png = PlateImages.plate(WANTED);
    String frameId = UUID.randomUUID().toString();
    Instant takenAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(2);
    String detection = "{\"eventTime\": \"" + takenAt + "\", \"frameId\": \"" + frameId
        + "\", \"location\": {\"lat\": 42.2163, \"lon\": 20.7400}, \"frame\": \""
        + Base64.getEncoder().encodeToString(png) + "\"}";

    MosquittoPub.Run run = publish("corridor/drones/" + DRONE + "/detections", detection);

    assertThat(run.acknowledged()).as(run.output()).isTrue();
    assertThat(waitForEvidence(frameId)).as("the drone's frame is kept once its alert is raised").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM evidence_frames WHERE frame_id = '" + frameId + "' AND device_id = '" + DRONE
        + "' AND reason LIKE 'alert %' AND marked_by = 'rule:hotlist'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE device_id = '" + DRONE + "' AND '" + frameId
        + "' = ANY(frame_ids) AND abs(lat - 42.2163) < 1e-9 AND abs(lon - 20.7400) < 1e-9"))
        .as("one read, at the place the drone reported").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM alerts a JOIN plate_reads r ON r.event_id::text = a.subject_id"
        + " WHERE r.device_id = '" + DRONE + "'")).isEqualTo(1);
  }

  @Test
  void aDronesFrameAtAnImpossiblePlaceIsRefusedWithoutAcknowledgement() throws Exception {
    String frameId = UUID.randomUUID().toString();
    String detection = "{\"eventTime\": \"" + Instant.now().minusSeconds(2) + "\", \"frameId\": \"" + frameId
        + "\", \"location\": {\"lat\": 142.0, \"lon\": 20.74}, \"frame\": \""
        + Base64.getEncoder().encodeToString(PlateImages.plate("NS456EF")) + "\"}";

    MosquittoPub.Run run = publish("corridor/drones/" + DRONE + "/detections", detection);

    assertThat(run.acknowledged()).as(run.output()).isFalse();
    assertThat(run.timedOut()).as("refused by the server, not left waiting").isFalse();
    assertThat(count("SELECT count(*) FROM plate_reads WHERE '" + frameId + "' = ANY(frame_ids)")).isZero();
  }

  static MosquittoPub.Run publish(String topic, String payload) throws Exception {
    return MosquittoPub.publish(MQTT_PORT, DRONE, DRONE_KEY, topic, payload.getBytes(StandardCharsets.UTF_8), "mqttv311",
        30);
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
