package io.corridor.ingest;

import io.corridor.platform.devices.Device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.Settings;
import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.storage.Database;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link GroupedFrameReads} with its own thread, a real writer and the migrated schema. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupedFrameReadsIT {

  static final PlateProtector PROTECTOR = new PlateProtector(PlateReadSinkIT.key(1), PlateReadSinkIT.key(2));
  static final Device CAMERA = new Device("cam-grouping", "camera", new byte[32], true);
  static Database database;
  static GroupCommitWriter<PlateRead> writer;

  final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @BeforeAll
  static void migrate() throws SQLException {
    StorageOptions options = new StorageOptions(Settings.of(Map.of("db.url", TestDatabase.fresh("grouped_frames"))));
    database = Database.open(options);
    database.migrate(false);
    new PartitionMaintenance(database.dataSource(), options.retention(), 3, Duration.ofDays(7), Clock.systemUTC()).run();
    writer = new GroupCommitWriter<>("frames-test", database.dataSource(), new PlateReadSink(PROTECTOR), stored -> {},
        () -> {}, new GroupCommitWriter.Listener() {}, 1000, 100, 1, Duration.ofSeconds(1), Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    if (writer != null) {
      writer.close();
    }
    if (database != null) {
      database.close();
    }
  }

  static GroupedFrameReads grouping(String window) {
    return new GroupedFrameReads(writer, new StoredFrameReads(database.dataSource(), PROTECTOR),
        new FrameOptions(Settings.of(Map.of("anpr.group-window", window))), new IngestOptions(Settings.of(Map.of())),
        Clock.systemUTC());
  }

  static String frameId() {
    return UUID.randomUUID().toString();
  }

  static long count(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void framesAreAnsweredOnlyAfterTheirGroupsReadIsCommittedAndARetryFindsIt() throws Exception {
    String f1 = frameId();
    String f2 = frameId();
    try (GroupedFrameReads grouping = grouping("500ms")) {
      CompletableFuture<FrameResult> a1 = grouping.store(FrameGroupsTest.frameAt(CAMERA, f1, now, "AB123CD", "0.8"));
      CompletableFuture<FrameResult> a2 = grouping.store(FrameGroupsTest.frameAt(CAMERA, f2, now.plusMillis(200), "AB123CD", "0.9"));
      Thread.sleep(100);
      assertThat(a1).as("the group is still open").isNotDone();
      String eitherFrame = "SELECT count(*) FROM plate_reads WHERE frame_ids && ARRAY['" + f1 + "', '" + f2 + "']";
      assertThat(count(eitherFrame)).isZero();

      String readId = EventIds.deterministic("frame", f1, "0");
      assertThat(a1.get(5, TimeUnit.SECONDS).reads()).extracting(PlateRead::getEventId).containsExactly(readId);
      assertThat(a2.get(5, TimeUnit.SECONDS).reads()).extracting(PlateRead::getEventId).containsExactly(readId);
      assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + readId + "' AND frame_ids = ARRAY['"
          + f1 + "', '" + f2 + "']")).isEqualTo(1);

      // The look-up that runs on the recognition worker finds the stored read, so the retry is answered at once.
      RecognizedFrame retry = grouping.prepare(FrameGroupsTest.frameAt(CAMERA, f2, now.plusMillis(200), "AB123CD", "0.9"));
      assertThat(retry.fullyStored()).isTrue();
      FrameResult again = grouping.store(retry).get(1, TimeUnit.SECONDS);
      assertThat(again.reads()).extracting(PlateRead::getEventId).containsExactly(readId);
      assertThat(again.reads().getFirst().getPlate()).isEqualTo("AB123CD");
      assertThat(count(eitherFrame)).isEqualTo(1);
    }
  }

  @Test
  void closingCommitsTheOpenGroupsAnswersTheirFramesAndRefusesNewOnes() throws Exception {
    String f1 = frameId();
    GroupedFrameReads grouping = grouping("5s");
    CompletableFuture<FrameResult> waiting = grouping.store(FrameGroupsTest.frameAt(CAMERA, f1, now, "NS456EF", "0.9"));
    Thread.sleep(200);
    assertThat(waiting).isNotDone();
    assertThat(grouping.heldFrames()).isOne();
    assertThat(grouping.openGroups()).isOne();

    grouping.close();

    assertThat(waiting.get(1, TimeUnit.SECONDS).reads()).extracting(PlateRead::getEventId)
        .containsExactly(EventIds.deterministic("frame", f1, "0"));
    assertThat(count("SELECT count(*) FROM plate_reads WHERE '" + f1 + "' = ANY(frame_ids)")).isEqualTo(1);
    assertThatThrownBy(grouping::admit).isInstanceOf(UnavailableException.class).hasMessageContaining("shutting down");
    CompletableFuture<FrameResult> late = grouping.store(FrameGroupsTest.frameAt(CAMERA, frameId(), now, "NS456EF", "0.9"));
    assertThatThrownBy(() -> late.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(UnavailableException.class);
  }
}
