package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import io.corridor.storage.HourlyReadCounts;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.TimescalePolicies;
import io.corridor.testkit.Reads;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What TimescaleDB runs for Corridor, on a real node: retention policies that drop whole chunks,
 * compression of chunks past {@code db.compress-after} (and retried reads into them still stored
 * once), and the hourly continuous aggregate the dashboards read. The policies' background jobs
 * are run at once with {@code CALL run_job} instead of waiting for their schedule.
 */
class TimescaleRetentionIT {

  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.timescale("retention"), NodeFixture.uniqueCluster(),
        Map.of("retention.plate-reads", "10d", "ingest.max-age", "5d", "db.compress-after", "2d")));
    NodeFixture.registerDevices(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static long count(String sql) throws Exception {
    return NodeFixture.count(node, sql);
  }

  static void runJob(String proc, String table) throws Exception {
    try (Connection c = node.database().dataSource().getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      long job;
      try (ResultSet rs = st.executeQuery("SELECT job_id FROM timescaledb_information.jobs WHERE proc_name = '" + proc
          + "' AND hypertable_name = '" + table + "'")) {
        assertThat(rs.next()).as(proc + " job on " + table).isTrue();
        job = rs.getLong(1);
      }
      st.execute("CALL run_job(" + job + ")");
    }
  }

  static void insertRaw(Instant at) throws Exception {
    try (Connection c = node.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO plate_reads (event_id, device_id, event_time, received_time, plate_hash, plate_ct, confidence)"
            + " VALUES (gen_random_uuid(), 'cam-old', ?, now(), '\\x00', '\\x00', 0.5)")) {
      ps.setTimestamp(1, java.sql.Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  @Test
  void theTimeFirstKeyMigrationAppliesToPositionsWithCompressedChunks() throws Exception {
    assertThat(count("SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'positions'"
        + " AND compression_enabled")).as("positions compressed by the node's policies").isEqualTo(1);
    try (Connection c = node.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO positions (event_id, device_id, event_time, received_time, lat, lon)"
            + " VALUES (gen_random_uuid(), 'trk-old', ?, now(), 42.0, 21.0)")) {
      ps.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(4))));
      ps.executeUpdate();
    }
    runJob("policy_compression", "positions");
    assertThat(count("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'positions'"
        + " AND is_compressed")).as("a compressed chunk of positions").isGreaterThan(0);
    String v35;
    try (var in = Thread.currentThread().getContextClassLoader()
        .getResourceAsStream("db/migration/V35__positions_key_time_first.sql")) {
      v35 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    // as on a database upgraded after its node compressed old chunks: TimescaleDB 2.0 refused to drop the key of a
    // hypertable with compression enabled (timescale/timescaledb#2878); the version the tests build accepts it
    try (Connection c = node.database().dataSource().getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute(v35);
      try (ResultSet rs = st.executeQuery("SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM pg_index i"
          + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
          + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
          + " WHERE i.indrelid = 'positions'::regclass AND i.indisprimary")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).as("the key in time order").isEqualTo("event_time, event_id");
      }
    }
    assertThat(count("SELECT count(*) FROM positions WHERE device_id = 'trk-old'")).isEqualTo(1);
  }

  @Test
  void policiesFollowConfigurationAndStayPutWhenRunAgain() throws Exception {
    assertThat(count("SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention'"
        + " AND hypertable_name = 'plate_reads' AND (config->>'drop_after')::interval = interval '10 days'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'policy_compression'"
        + " AND hypertable_name = 'plate_reads' AND (config->>'compress_after')::interval = interval '2 days'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM timescaledb_information.continuous_aggregates WHERE view_name = '"
        + TimescalePolicies.HOURLY + "'")).isEqualTo(1);
    long jobs = count("SELECT count(*) FROM timescaledb_information.jobs");
    long maxJob = count("SELECT max(job_id) FROM timescaledb_information.jobs");

    PartitionMaintenance.Report report = node.runRetention(Duration.ZERO).orElseThrow();

    assertThat(report.timescale()).isTrue();
    assertThat(count("SELECT count(*) FROM timescaledb_information.jobs")).isEqualTo(jobs);
    assertThat(count("SELECT max(job_id) FROM timescaledb_information.jobs")).as("no job replaced").isEqualTo(maxJob);
  }

  @Test
  void retentionDropsWholeChunksPastTheLimitAndKeepsTheRest() throws Exception {
    Instant now = Instant.now();
    insertRaw(now.minus(Duration.ofDays(20)));
    insertRaw(now.minus(Duration.ofDays(12)));
    insertRaw(now.minus(Duration.ofDays(3)));

    runJob("policy_retention", "plate_reads");

    assertThat(count("SELECT count(*) FROM plate_reads WHERE device_id = 'cam-old'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE device_id = 'cam-old' AND event_time < now() - interval '10 days'"))
        .isZero();
    // Dropped as whole chunks: none left that ends before the horizon, the recent one kept.
    assertThat(count("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'plate_reads'"
        + " AND range_end <= now() - interval '10 days'")).isZero();
    assertThat(count("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'plate_reads'"
        + " AND range_start <= now() - interval '3 days' AND range_end > now() - interval '3 days'")).isEqualTo(1);
  }

  @Test
  void compressedChunksStillServeLookUpsAndStoreARetryOnce() throws Exception {
    Instant seen = Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.MILLIS);
    List<PlateRead> reads = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      reads.add(Reads.read(NodeFixture.CAMERA, "KS" + (100 + i) + "CC", seen.plusSeconds(i)).build());
    }
    HttpResponse<String> first = NodeFixture.postReads(node, NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "avro/binary",
        NodeFixture.avroContainer(reads));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

    runJob("policy_compression", "plate_reads");
    assertThat(count("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'plate_reads'"
        + " AND is_compressed AND range_end < now() - interval '3 days' AND range_end > now() - interval '5 days'"))
        .as("the chunk of four days ago is compressed").isGreaterThanOrEqualTo(1);

    // An edge replays the same batch after the chunk was compressed: acknowledged again, stored once.
    HttpResponse<String> retry = NodeFixture.postReads(node, NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "avro/binary",
        NodeFixture.avroContainer(reads));
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(new JsonObject(retry.body()).getJsonArray("accepted")).hasSize(30);
    String ids = String.join("','", reads.stream().map(PlateRead::getEventId).toList());
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id IN ('" + ids + "')")).isEqualTo(30);
    // A warrant look-up by blind index finds the read inside the compressed chunk.
    String hash = java.util.HexFormat.of().formatHex(node.protector().hash("KS105CC"));
    assertThat(count("SELECT count(*) FROM plate_reads WHERE plate_hash = decode('" + hash + "', 'hex')"
        + " AND event_time > now() - interval '5 days'")).isEqualTo(1);
  }

  @Test
  void hourlyAggregateCountsReadsPerCameraAndHour() throws Exception {
    Instant hour = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);
    List<PlateRead> reads = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      reads.add(Reads.read(NodeFixture.OTHER_CAMERA, "BG" + (200 + i) + "AA", hour.plusSeconds(60L * i)).build());
    }
    reads.add(Reads.read(NodeFixture.OTHER_CAMERA, "BG300AA", hour.plus(Duration.ofMinutes(70))).build());
    HttpResponse<String> posted = NodeFixture.postReads(node, NodeFixture.OTHER_CAMERA, NodeFixture.OTHER_KEY,
        "avro/binary", NodeFixture.avroContainer(reads));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

    // Before the refresh the real-time part answers from raw rows; after it, from materialised buckets.
    List<HourlyReadCounts.Bucket> live = buckets(hour);
    runJob("policy_refresh_continuous_aggregate", TimescalePolicies.HOURLY);
    List<HourlyReadCounts.Bucket> materialised = buckets(hour);

    for (List<HourlyReadCounts.Bucket> buckets : List.of(live, materialised)) {
      assertThat(buckets).containsExactly(new HourlyReadCounts.Bucket(NodeFixture.OTHER_CAMERA, hour, 7),
          new HourlyReadCounts.Bucket(NodeFixture.OTHER_CAMERA, hour.plus(Duration.ofHours(1)), 1));
    }
    String materialisation;
    try (Connection c = node.database().dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT format('%I.%I', materialization_hypertable_schema,"
            + " materialization_hypertable_name) FROM timescaledb_information.continuous_aggregates WHERE view_name = '"
            + TimescalePolicies.HOURLY + "'")) {
      rs.next();
      materialisation = rs.getString(1);
    }
    assertThat(count("SELECT count(*) FROM " + materialisation)).as("buckets materialised").isGreaterThanOrEqualTo(2);
  }

  static List<HourlyReadCounts.Bucket> buckets(Instant hour) throws Exception {
    try (Connection c = node.database().dataSource().getConnection()) {
      return HourlyReadCounts.between(c, hour, hour.plus(Duration.ofHours(2))).stream()
          .filter(b -> b.deviceId().equals(NodeFixture.OTHER_CAMERA)).toList();
    }
  }
}
