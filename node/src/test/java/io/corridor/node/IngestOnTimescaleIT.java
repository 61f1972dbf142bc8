package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.testkit.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** Every {@link IngestIT} case on a node whose database is TimescaleDB (skipped where it cannot run). */
class IngestOnTimescaleIT extends IngestIT {

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.timescale("ingest"), NodeFixture.uniqueCluster(),
        Map.of("ingest.max-body-bytes", "65536", "ingest.max-batch", "50", "ingest.writer.queue-capacity", "1000")));
    NodeFixture.registerDevices(node);
    assertThat(count("SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'plate_reads'"))
        .isEqualTo(1);
  }
}
