package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.config.Settings;
import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.storage.Database;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.Reads;
import io.corridor.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PlateReadSink} on the migrated schema (native daily partitions). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlateReadSinkIT {

  static String url;
  static Database database;
  static StorageOptions options;
  static final PlateProtector PROTECTOR = new PlateProtector(key(1), key(2));

  final PlateReadSink sink = new PlateReadSink(PROTECTOR);
  final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  static byte[] key(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  @BeforeAll
  static void migrate() throws SQLException {
    open(TestDatabase.fresh("plate_read_sink"), false);
  }

  /** Migrates the database at {@code jdbcUrl}: hypertables when {@code timescale}, native partitions otherwise. */
  static void open(String jdbcUrl, boolean timescale) throws SQLException {
    url = jdbcUrl;
    options = new StorageOptions(Settings.of(Map.of("db.url", url)));
    database = Database.open(options);
    database.migrate(timescale);
    maintenance(3).run();
  }

  static PartitionMaintenance maintenance(int partitionsAhead) {
    return new PartitionMaintenance(database.dataSource(), options.retention(), partitionsAhead, Duration.ofDays(7),
        Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    if (database != null) {
      database.close();
    }
  }

  @BeforeEach
  void empty() throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("TRUNCATE plate_reads, rules_outbox");
    }
  }

  PlateRead read(String plate) {
    return Reads.read("cam-prishtina-01", plate, now.minusSeconds(30)).setReceivedTime(now).build();
  }

  /** One physical connection, so the sink's per-session staging table is reused across transactions. */
  static Connection session() throws SQLException {
    Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
    c.setAutoCommit(false);
    return c;
  }

  List<PlateRead> write(List<PlateRead> reads) throws SQLException {
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      List<PlateRead> stored = sink.write(c, reads);
      c.commit();
      return stored;
    }
  }

  static int count() throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM plate_reads")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The stored row of {@code eventId} as column name to value, or an empty map. */
  static Map<String, Object> row(String eventId) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT * FROM plate_reads WHERE event_id = ?::uuid")) {
      ps.setString(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Map.of();
        }
        Map<String, Object> row = new java.util.HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          String name = rs.getMetaData().getColumnName(i);
          Object value = switch (name) {
            case "event_time", "received_time" -> rs.getObject(i, OffsetDateTime.class).toInstant();
            case "frame_ids" -> {
              Array a = rs.getArray(i);
              yield a == null ? null : Arrays.asList((String[]) a.getArray());
            }
            default -> rs.getObject(i);
          };
          if (value != null) {
            row.put(name, value);
          }
        }
        assertThat(rs.next()).as("one row per id").isFalse();
        return row;
      }
    }
  }

  @Test
  void storesEveryFieldWithThePlateOnlyAsHashAndCiphertext() throws SQLException {
    PlateRead r = read("01234AB");
    r.setCountry("XK");
    r.setConfidence(0.875f);
    r.setLocation(new GeoPoint(42.6629, 21.1655));
    r.setLane(3);
    r.setSpeedKmh(88.5f);
    r.setFrameIds(List.of("cam-01:0001", "cam-01:0002"));

    assertThat(write(List.of(r))).containsExactly(r);

    Map<String, Object> row = row(r.getEventId());
    assertThat(row.get("event_id")).hasToString(r.getEventId());
    assertThat(row.get("device_id")).isEqualTo("cam-prishtina-01");
    assertThat(row.get("event_time")).isEqualTo(r.getEventTime());
    assertThat(row.get("received_time")).isEqualTo(now);
    assertThat((byte[]) row.get("plate_hash")).isEqualTo(PROTECTOR.hash("01234AB"));
    assertThat(PROTECTOR.decrypt((byte[]) row.get("plate_ct"))).isEqualTo("01234AB");
    assertThat(new String((byte[]) row.get("plate_ct"), StandardCharsets.ISO_8859_1)).doesNotContain("01234AB");
    assertThat(row.get("country")).isEqualTo("XK");
    assertThat(row.get("confidence")).isEqualTo(0.875f);
    assertThat(row.get("lat")).isEqualTo(42.6629);
    assertThat(row.get("lon")).isEqualTo(21.1655);
    assertThat(((Number) row.get("lane")).intValue()).isEqualTo(3);
    assertThat(row.get("speed_kmh")).isEqualTo(88.5f);
    assertThat(row.get("frame_ids")).isEqualTo(List.of("cam-01:0001", "cam-01:0002"));
    assertThat(row).doesNotContainKey("plate");
  }

  @Test
  void everyNewReadGetsOneOutboxRowInTheSameTransactionAndARetryNone() throws SQLException {
    PlateRead first = read("01OUT01");
    PlateRead second = read("01OUT02");
    write(List.of(first));
    assertThat(write(List.of(first, second))).containsExactly(second);
    assertThat(outbox()).containsExactlyInAnyOrder(first.getEventId() + "@" + first.getEventTime(),
        second.getEventId() + "@" + second.getEventTime());

    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      sink.write(c, List.of(read("01OUT03")));
      c.rollback();
    }
    assertThat(outbox()).as("a rolled-back read leaves no outbox row").hasSize(2);
  }

  static List<String> outbox() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT event_id, event_time FROM rules_outbox")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "@" + rs.getObject(2, OffsetDateTime.class).toInstant());
      }
    }
    return rows;
  }

  @Test
  void optionalFieldsAreStoredAsNullAndNoFramesAsAnEmptyArray() throws SQLException {
    PlateRead r = read("AB12");
    r.setCountry(null);
    r.setLane(null);
    write(List.of(r));
    Map<String, Object> row = row(r.getEventId());
    assertThat(row).doesNotContainKeys("country", "lat", "lon", "lane", "speed_kmh");
    assertThat(row.get("frame_ids")).isEqualTo(List.of());
  }

  @Test
  void serbianPlatesRoundTripThroughTheCiphertextAndHashAsUtf8() throws SQLException {
    PlateRead r = read("BG123ČĆ");
    write(List.of(r));
    Map<String, Object> row = row(r.getEventId());
    assertThat(PROTECTOR.decrypt((byte[]) row.get("plate_ct"))).isEqualTo("BG123ČĆ");
    assertThat((byte[]) row.get("plate_hash")).isEqualTo(PROTECTOR.hash("BG123ČĆ"))
        .isNotEqualTo(PROTECTOR.hash("BG123CC"));
  }

  @Test
  void manyReadsInOneStatement() throws SQLException {
    List<PlateRead> reads = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      reads.add(read("KS" + i));
    }
    assertThat(write(reads)).isEqualTo(reads);
    assertThat(count()).isEqualTo(500);
  }

  @Test
  void duplicateIdsInOneGroupAreStoredAndReportedOnce() throws SQLException {
    PlateRead a = read("01234AB");
    PlateRead retry = PlateRead.newBuilder(a).build();
    PlateRead b = read("05678CD");
    List<PlateRead> stored = write(List.of(a, b, retry));
    assertThat(stored).extracting(PlateRead::getEventId).containsExactly(a.getEventId(), b.getEventId());
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void duplicateIdsAcrossGroupsAreStoredAndReportedOnce() throws SQLException {
    PlateRead a = read("01234AB");
    assertThat(write(List.of(a))).containsExactly(a);
    PlateRead b = read("05678CD");
    List<PlateRead> stored = write(List.of(PlateRead.newBuilder(a).build(), b));
    assertThat(stored).extracting(PlateRead::getEventId).containsExactly(b.getEventId());
    assertThat(write(List.of(PlateRead.newBuilder(a).build()))).isEmpty();
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void retriesThroughTheWriterAreReportedNewOnlyOnce() throws Exception {
    ConcurrentLinkedQueue<String> reportedNew = new ConcurrentLinkedQueue<>();
    List<PlateRead> batch = List.of(read("01234AB"), read("05678CD"), read("09999EF"));
    try (GroupCommitWriter<PlateRead> writer = new GroupCommitWriter<>("reads", database.dataSource(), sink,
        stored -> stored.forEach(r -> reportedNew.add(r.getEventId())), () -> { }, new GroupCommitWriter.Listener() { },
        1_000, 100, 2, Duration.ofSeconds(1), Clock.systemUTC())) {
      List<CompletableFuture<List<PlateRead>>> sends = new ArrayList<>();
      for (int attempt = 0; attempt < 5; attempt++) {
        sends.add(writer.submit(batch.stream().map(r -> PlateRead.newBuilder(r).build()).toList()));
      }
      for (CompletableFuture<List<PlateRead>> f : sends) {
        assertThat(f.get(10, TimeUnit.SECONDS)).hasSize(3);
      }
    }
    assertThat(reportedNew).containsExactlyInAnyOrderElementsOf(batch.stream().map(PlateRead::getEventId).toList());
    assertThat(count()).isEqualTo(3);
  }

  @Test
  void readBeyondTheCreatedPartitionsIsStoredAfterRepair() throws Exception {
    PlateRead ahead = Reads.read("cam-prishtina-01", "01234AB", now.plus(Duration.ofDays(6))).setReceivedTime(now)
        .build();
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      SQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
          () -> sink.write(c, List.of(ahead)));
      assertThat((Throwable) e).as("insert without a partition").isNotNull();
      assertThat(e.getSQLState()).isEqualTo("23514");
      c.rollback();
    }
    try (GroupCommitWriter<PlateRead> writer = new GroupCommitWriter<>("reads", database.dataSource(), sink,
        stored -> { }, () -> {
          try {
            maintenance(10).run();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }, new GroupCommitWriter.Listener() { }, 1_000, 100, 1, Duration.ofSeconds(1), Clock.systemUTC())) {
      assertThat(writer.submit(List.of(ahead)).get(10, TimeUnit.SECONDS)).containsExactly(ahead);
    }
    assertThat(row(ahead.getEventId())).isNotEmpty();
  }

  @Test
  void frameIdsThatLookLikeArraySyntaxOrNullStayText() throws SQLException {
    PlateRead r = read("01234AB");
    r.setFrameIds(List.of("NULL", "null", "f-1"));
    write(List.of(r));
    assertThat(row(r.getEventId()).get("frame_ids")).isEqualTo(List.of("NULL", "null", "f-1"));
  }

  @Test
  void frameIdsWithEveryAllowedCharacterAreStoredVerbatim() throws SQLException {
    PlateRead r = read("01234AB");
    List<String> frames = List.of("A-z_0.9:x", "x".repeat(64), "cam-prishtina-01:20261123T101530.250:0");
    r.setFrameIds(frames);
    write(List.of(r));
    assertThat(row(r.getEventId()).get("frame_ids")).isEqualTo(frames);
  }

  @Test
  void eventAndReceivedTimesKeepTheirMilliseconds() throws SQLException {
    Instant seen = now.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).plusMillis(987);
    PlateRead r = Reads.read("cam-prishtina-01", "01234AB", seen).setReceivedTime(seen.plusMillis(1)).build();
    write(List.of(r));
    Map<String, Object> row = row(r.getEventId());
    assertThat(row.get("event_time")).isEqualTo(seen);
    assertThat(row.get("received_time")).isEqualTo(seen.plusMillis(1));
  }

  @Test
  void retriesAndFreshGroupsAlternateOnOneSession() throws SQLException {
    PlateRead a = read("01234AB");
    PlateRead b = read("05678CD");
    PlateRead c = read("09999EF");
    PlateRead d = read("BG123ČĆ");
    try (Connection session = session()) {
      // Duplicate inside the group: the slow path through the staging table.
      assertThat(sink.write(session, List.of(a, b, PlateRead.newBuilder(a).build()))).containsExactly(a, b);
      session.commit();
      // Nothing stored before: the direct path.
      assertThat(sink.write(session, List.of(c))).containsExactly(c);
      session.commit();
      // A retry of a and c with new d: the staging table was emptied at commit, so only d is new.
      assertThat(sink.write(session, List.of(PlateRead.newBuilder(a).build(), d, PlateRead.newBuilder(c).build())))
          .containsExactly(d);
      session.commit();
      assertThat(sink.write(session, List.of(PlateRead.newBuilder(b).build()))).isEmpty();
      session.commit();
    }
    assertThat(count()).isEqualTo(4);
    assertThat(PROTECTOR.decrypt((byte[]) row(d.getEventId()).get("plate_ct"))).isEqualTo("BG123ČĆ");
  }

  @Test
  void aFailedRetryGroupDoesNotBreakTheSessionForTheNextOne() throws SQLException {
    PlateRead a = read("01234AB");
    write(List.of(a));
    PlateRead noPartition = Reads.read("cam-prishtina-01", "05678CD", now.plus(Duration.ofDays(30)))
        .setReceivedTime(now).build();
    PlateRead b = read("09999EF");
    try (Connection session = session()) {
      SQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
          () -> sink.write(session, List.of(PlateRead.newBuilder(a).build(), noPartition)));
      assertThat((Throwable) e).isNotNull();
      session.rollback();
      assertThat(sink.write(session, List.of(PlateRead.newBuilder(a).build(), b))).containsExactly(b);
      session.commit();
    }
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void aRetryGroupRolledBackByTheCallerDoesNotBreakTheSessionForTheNextOne() throws SQLException {
    PlateRead a = read("01234AB");
    write(List.of(a));
    PlateRead b = read("05678CD");
    PlateRead c = read("09999EF");
    try (Connection session = session()) {
      // BatchSink writes without committing; the caller may still roll back (e.g. a failed commit).
      assertThat(sink.write(session, List.of(PlateRead.newBuilder(a).build(), b))).containsExactly(b);
      session.rollback();
      assertThat(sink.write(session, List.of(PlateRead.newBuilder(a).build(), c))).containsExactly(c);
      session.commit();
    }
    assertThat(count()).isEqualTo(2);
    assertThat(row(b.getEventId())).isEmpty();
  }
}
