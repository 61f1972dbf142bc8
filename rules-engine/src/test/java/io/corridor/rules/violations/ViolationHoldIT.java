package io.corridor.rules.violations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.Settings;
import io.corridor.events.EventIds;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.storage.AuditLog;
import io.corridor.storage.Database;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.evidence.EvidenceFrame;
import io.corridor.storage.evidence.EvidenceStore;
import io.corridor.storage.hold.LegalHolds;
import io.corridor.testkit.MutableClock;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issuing a violation places its reads and frames under the violation's legal hold (the same
 * {@link LegalHolds} as warrant cases), audited in the review step's transaction: the held read
 * survives the retention run that drops its partition and its peers; closing the violation
 * releases the hold, after which the retention job expires the copy and, once the evidence
 * retention has passed, the frame.
 */
class ViolationHoldIT {

  static final PlateProtector PROTECTOR = new PlateProtector(Base64.getDecoder().decode(TestKeys.PLATE_HASH_KEY),
      Base64.getDecoder().decode(TestKeys.PLATE_ENCRYPTION_KEY));
  static final String CAMERA = "cam-hold";
  static final Duration EVIDENCE = Duration.ofDays(90);

  static Database database;
  static StorageOptions storage;
  static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  static AuditLog audit;
  static ReviewService review;

  @BeforeAll
  static void start() throws Exception {
    storage = new StorageOptions(Settings.of(Map.of("db.url", TestDatabase.fresh("violation_hold"))));
    database = Database.open(storage);
    database.migrate(false);
    partitions().run();
    audit = new AuditLog(database.dataSource(), CLOCK);
    review = new ReviewService(database.dataSource(), new ViolationStore(PROTECTOR),
        DismissReasons.parse(DismissReasons.DEFAULT), new LegalHolds(database.dataSource(), audit, EVIDENCE, CLOCK), CLOCK);
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  static PartitionMaintenance partitions() {
    return new PartitionMaintenance(database.dataSource(), storage.retention(), 3, Duration.ofDays(7), CLOCK);
  }

  @Test
  void anIssuedViolationsReadOutlivesItsPartitionUntilTheViolationIsClosed() throws Exception {
    Instant at = CLOCK.instant().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(10));
    String frame = UUID.randomUUID().toString();
    String proving = read("01HLD01", at, frame);
    String peer = read("01HLD02", at.plusSeconds(60), null);
    String violation = violation("01HLD01", proving, at);
    new EvidenceStore(database.dataSource(), PROTECTOR).insert(new EvidenceFrame(CAMERA, frame, at, "image/jpeg",
        new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}), "violation " + violation, "rule:violations", CLOCK.instant(),
        CLOCK.instant().plus(EVIDENCE));

    review.apply(violation, new ReviewRequest("officer-a", ReviewAction.CONFIRM, null, "checked", null));
    assertThat(count("SELECT count(*) FROM held_reads")).as("nothing held before issue").isZero();
    review.apply(violation, new ReviewRequest("officer-b", ReviewAction.ISSUE, null, null, "KS-2026-77"));
    String ref = "violation:" + violation;
    assertThat(count("SELECT count(*) FROM held_reads WHERE case_ref = '" + ref + "' AND event_id = '" + proving + "'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM evidence_frames WHERE frame_id = '" + frame + "' AND keep_until = 'infinity'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'hold.add' AND actor = 'officer-b' AND target = 'case "
        + ref + "' AND '" + proving + "' = ANY (record_ids)")).isEqualTo(1);

    CLOCK.advance(Duration.ofDays(32));
    PartitionMaintenance.Report expired = partitions().run();
    assertThat(expired.dropped()).contains("plate_reads_p" + at.toString().substring(0, 10).replace("-", ""));
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id IN ('" + proving + "', '" + peer + "')")).isZero();
    assertThat(count("SELECT count(*) FROM held_reads WHERE event_id = '" + proving + "'")).as("held copy survives")
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM held_reads WHERE event_id = '" + peer + "'")).isZero();

    Instant closedAt = CLOCK.instant();
    review.apply(violation, new ReviewRequest("officer-a", ReviewAction.CLOSE, null, "paid", null));
    assertThat(count("SELECT count(*) FROM legal_holds WHERE case_ref = '" + ref + "' AND released_at IS NOT NULL"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'hold.release' AND actor = 'officer-a' AND target = 'case "
        + ref + "' AND '" + proving + "' = ANY (record_ids)")).isEqualTo(1);
    assertThat(keepUntil(frame)).isEqualTo(closedAt.plus(EVIDENCE));

    assertThat(partitions().run().heldExpired()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM held_reads WHERE event_id = '" + proving + "'")).as("released, then expired")
        .isZero();
    assertThat(count("SELECT count(*) FROM evidence_frames WHERE frame_id = '" + frame + "'")).isEqualTo(1);
    CLOCK.advance(EVIDENCE.plusMinutes(1));
    assertThat(partitions().run().evidenceDeleted()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM evidence_frames WHERE frame_id = '" + frame + "'")).isZero();
    assertThat(audit.verify()).isEmpty();
  }

  @Test
  void aStepThatFailsLeavesNoHold() throws Exception {
    Instant at = CLOCK.instant().minus(Duration.ofHours(1));
    String proving = read("01HLD03", at, null);
    String violation = violation("01HLD03", proving, at);
    review.apply(violation, new ReviewRequest("officer-a", ReviewAction.CONFIRM, null, null, null));
    assertThatThrownBy(() -> review.apply(violation, new ReviewRequest("officer-a", ReviewAction.ISSUE, null, null,
        "KS-2026-78"))).isInstanceOf(ReviewException.class).hasMessageContaining("different officer");
    assertThat(count("SELECT count(*) FROM legal_holds WHERE case_ref = 'violation:" + violation + "'")).isZero();
  }

  static String read(String plate, Instant at, String frame) throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO plate_reads (event_id, device_id, event_time, received_time, plate_hash, plate_ct, country,
                                 confidence, lane, speed_kmh, frame_ids) VALUES (?, ?, ?, ?, ?, ?, 'XK', 0.9, 1, 131, ?)""")) {
      ps.setObject(1, id);
      ps.setString(2, CAMERA);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.setTimestamp(4, Timestamp.from(at));
      ps.setBytes(5, PROTECTOR.hash(plate));
      ps.setBytes(6, PROTECTOR.encrypt(plate));
      ps.setArray(7, c.createArrayOf("text", frame == null ? new Object[0] : new Object[] {frame}));
      ps.executeUpdate();
    }
    return id.toString();
  }

  static String violation(String plate, String readId, Instant at) throws Exception {
    Violation v = Violation.newBuilder().setEventId(EventIds.deterministic("speed-hold", readId)).setDeviceId(CAMERA)
        .setEventTime(at).setKind(ViolationKind.SPEED).setRuleId("speed-hold").setReadIds(List.of(readId))
        .setMeasured(131.0).setLimit(100.0).build();
    try (Connection c = database.dataSource().getConnection()) {
      new ViolationStore(PROTECTOR).insert(c, v, plate, CLOCK.instant());
    }
    return v.getEventId();
  }

  static Instant keepUntil(String frame) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT keep_until FROM evidence_frames WHERE frame_id = '" + frame + "'")) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  static long count(String sql) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
