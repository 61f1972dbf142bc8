package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.corridor.events.PlateRead;
import io.corridor.storage.TimeSeriesSchema;
import io.corridor.testkit.Reads;
import io.corridor.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every {@link PlateReadSinkIT} case on TimescaleDB hypertables (skipped, with the reason, where
 * TimescaleDB cannot run). Hypertables create chunks on demand, so the two cases that need a
 * missing partition read differently here.
 */
class PlateReadSinkOnTimescaleIT extends PlateReadSinkIT {

  @BeforeAll
  @Timeout(value = 15, unit = TimeUnit.MINUTES) // the first TimescaleDB test on a fresh machine builds the extension
  static void migrate() throws SQLException {
    open(TestDatabase.timescale("plate_read_sink"), true);
    try (Connection c = database.dataSource().getConnection()) {
      assertThat(TimeSeriesSchema.usesTimescale(c)).as("plate_reads is a hypertable").isTrue();
    }
  }

  @Override
  @Test
  void readBeyondTheCreatedPartitionsIsStoredAfterRepair() throws Exception {
    PlateRead ahead = Reads.read("cam-prishtina-01", "01234AB", now.plus(Duration.ofDays(6))).setReceivedTime(now)
        .build();
    assertThat(write(List.of(ahead))).as("a chunk is created on demand").containsExactly(ahead);
    assertThat(row(ahead.getEventId())).isNotEmpty();
  }

  @Override
  @Test
  void aFailedRetryGroupDoesNotBreakTheSessionForTheNextOne() throws SQLException {
    PlateRead a = read("01234AB");
    write(List.of(a));
    PlateRead c = read("05678CD");
    PlateRead b = read("09999EF");
    try (Connection session = session(); Connection locker = DriverManager.getConnection(url, "postgres", "")) {
      // No missing partition to fail on: a lock another session holds makes the retry group fail.
      locker.setAutoCommit(false);
      try (Statement st = locker.createStatement()) {
        st.execute("LOCK TABLE plate_reads IN ACCESS EXCLUSIVE MODE");
      }
      try (Statement st = session.createStatement()) {
        st.execute("SET LOCAL lock_timeout = '200ms'");
      }
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> sink.write(session, List.of(PlateRead.newBuilder(a).build(), c)));
      assertThat((Throwable) e).isNotNull();
      assertThat(e.getSQLState()).isEqualTo("55P03");
      session.rollback();
      locker.rollback();
      assertThat(sink.write(session, List.of(PlateRead.newBuilder(a).build(), b))).containsExactly(b);
      session.commit();
    }
    assertThat(count()).isEqualTo(2);
  }
}
