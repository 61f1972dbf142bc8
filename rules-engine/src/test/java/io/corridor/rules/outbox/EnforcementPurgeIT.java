package io.corridor.rules.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import io.corridor.testkit.Reads;
import io.corridor.testkit.SchemaScan;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A read from an enforcement site that proves nothing is gone from every table of the schema once
 * its pairing window has closed and the purge ran; offences and network reads stay.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EnforcementPurgeIT {

  static final String SECTION_CAMERA = "cam-a1-section-entry";
  static final Duration WINDOW = Duration.ofMinutes(15);
  static OutboxFixture db;

  @BeforeAll
  static void start() throws Exception {
    db = new OutboxFixture("enforcement_purge");
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
  }

  static PlateRead read(String camera, String plate, float speed) {
    Instant at = db.clock.instant().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    return Reads.read(camera, plate, at).setSpeedKmh(speed).setReceivedTime(at.plusSeconds(1)).build();
  }

  @Test
  void aNonOffendingEnforcementReadLeavesNoTraceInAnyTableAfterItsWindow() throws Exception {
    PlateRead innocent = read(SECTION_CAMERA, "01INNO1", 92f);
    PlateRead offence = read(SECTION_CAMERA, "01GUILT", 141f);
    PlateRead network = read("cam-network-07", "01NETW1", 70f);
    db.commit(List.of(innocent, offence, network));
    SitePurposes sites = device -> device.equals(SECTION_CAMERA) ? Optional.of(WINDOW) : Optional.empty();
    assertThat(db.consumer("node-a", new OutboxFixture.SpeedEngine(), sites, new ArrayList<>()).runOnce()).isEqualTo(3);
    List<String> traces = traces(innocent);
    assertThat(traces).hasSize(3);

    EnforcementPurge purge = new EnforcementPurge(db.database.dataSource());
    assertThat(purge.run(db.clock.instant())).as("the pairing window is still open").isZero();
    assertThat(tablesContaining(traces)).contains("plate_reads", "rules_outbox");

    db.clock.advance(WINDOW);
    assertThat(purge.run(db.clock.instant())).isEqualTo(1);
    assertThat(tablesContaining(traces)).as("tables still holding the innocent read").isEmpty();
    assertThat(tablesContaining(traces(offence))).as("the offence keeps its read").contains("plate_reads", "violation_reads");
    assertThat(tablesContaining(traces(network))).containsExactly("plate_reads");
    assertThat(purge.run(db.clock.instant())).as("idempotent").isZero();
  }

  static List<String> traces(PlateRead read) throws SQLException {
    return SchemaScan.readTraces(db.database.dataSource(), read.getEventId());
  }

  static List<String> tablesContaining(List<String> traces) throws SQLException {
    return SchemaScan.tablesContaining(db.database.dataSource(), traces);
  }
}
