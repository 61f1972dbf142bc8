package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.storage.DailyPartition;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.TimeSeriesTable;
import io.corridor.storage.evidence.EvidenceFrame;
import io.corridor.storage.evidence.EvidenceStore;
import io.corridor.testkit.PlateImages;
import io.corridor.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partitions older than the retention limit are dropped whole by the job; newer ones stay. Evidence
 * frames past their keep-until time are deleted by the same job.
 */
class RetentionIT {

  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("retention"), NodeFixture.uniqueCluster(),
        Map.of("retention.plate-reads", "10d", "retention.positions", "10d", "ingest.max-age", "2d")));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void dropsExpiredPartitionsAndKeepsTheRest() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    DailyPartition expired = new DailyPartition(TimeSeriesTable.PLATE_READS, today.minusDays(20));
    DailyPartition edge = new DailyPartition(TimeSeriesTable.PLATE_READS, today.minusDays(11));
    DailyPartition kept = new DailyPartition(TimeSeriesTable.PLATE_READS, today.minusDays(5));
    DailyPartition expiredPositions = new DailyPartition(TimeSeriesTable.POSITIONS, today.minusDays(15));
    try (Connection c = node.database().dataSource().getConnection(); Statement st = c.createStatement()) {
      for (DailyPartition p : List.of(expired, edge, kept, expiredPositions)) {
        st.execute("CREATE TABLE " + p.name() + " PARTITION OF " + p.table().tableName()
            + " FOR VALUES FROM ('" + p.from() + "') TO ('" + p.until() + "')");
      }
      for (DailyPartition p : List.of(expired, edge, kept)) {
        st.execute("INSERT INTO plate_reads (event_id, device_id, event_time, received_time, plate_hash, plate_ct, confidence)"
            + " VALUES (gen_random_uuid(), 'cam', '" + p.from().plusSeconds(3600) + "', now(), '\\x00', '\\x00', 0.5)");
      }
    }

    PartitionMaintenance.Report report = node.runRetention(Duration.ZERO).orElseThrow();

    assertThat(report.dropped()).contains(expired.name(), edge.name(), expiredPositions.name())
        .doesNotContain(kept.name());
    try (Connection c = node.database().dataSource().getConnection()) {
      assertThat(PartitionMaintenance.existing(c, TimeSeriesTable.PLATE_READS)).contains(kept)
          .doesNotContain(expired, edge);
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*), min(event_time) FROM plate_reads")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.getTimestamp(2).toInstant()).isEqualTo(kept.from().plusSeconds(3600));
      }
      // Partitions for today and the days ahead exist, so tomorrow's reads have somewhere to go.
      assertThat(PartitionMaintenance.existing(c, TimeSeriesTable.PLATE_READS))
          .contains(new DailyPartition(TimeSeriesTable.PLATE_READS, today),
              new DailyPartition(TimeSeriesTable.PLATE_READS, today.plusDays(3)));
    }
  }

  @Test
  void deletesEvidenceFramesPastTheirKeepUntilTime() throws Exception {
    EvidenceStore store = new EvidenceStore(node.database().dataSource(), node.protector());
    Instant now = Instant.now();
    String expired = UUID.randomUUID().toString();
    String kept = UUID.randomUUID().toString();
    byte[] image = PlateImages.plate("AB123CD");
    store.insert(new EvidenceFrame(NodeFixture.CAMERA, expired, now.minus(Duration.ofDays(91)), "image/png", image),
        "alert a-1", "rule:hotlist", now.minus(Duration.ofDays(91)), now.minus(Duration.ofDays(1)));
    store.insert(new EvidenceFrame(NodeFixture.CAMERA, kept, now.minus(Duration.ofDays(89)), "image/png", image),
        "alert a-2", "rule:hotlist", now.minus(Duration.ofDays(89)), now.plus(Duration.ofDays(1)));

    PartitionMaintenance.Report report = node.runRetention(Duration.ZERO).orElseThrow();

    assertThat(report.evidenceDeleted()).isEqualTo(1);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM evidence_frames WHERE frame_id = '" + expired + "'")).isZero();
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM evidence_frames WHERE frame_id = '" + kept + "'")).isEqualTo(1);
  }
}
