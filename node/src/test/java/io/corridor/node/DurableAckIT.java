package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import io.corridor.storage.EmbeddedPostgresServer;
import io.corridor.testkit.Reads;
import io.corridor.testkit.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database is stopped while cameras are posting: requests in flight and new ones get 503 with
 * Retry-After, the cameras keep their batches and retry with the same ids, and when the database is
 * back every acknowledged read is there exactly once.
 */
class DurableAckIT {

  static EmbeddedPostgresServer postgres;
  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    postgres = TestDatabase.dedicatedServer("outage");
    node = CorridorNode.start(NodeFixture.settings(postgres.jdbcUrl(), NodeFixture.uniqueCluster(),
        Map.of("db.connect-timeout", "1s", "ingest.write-timeout", "5s", "ingest.retry-after", "1s")));
    NodeFixture.registerDevices(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void nothingAcknowledgedIsLostWhenTheDatabaseStopsMidBatch() throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger unavailable = new AtomicInteger();
    AtomicInteger withoutRetryAfter = new AtomicInteger();
    AtomicInteger unexpected = new AtomicInteger();
    AtomicBoolean outageOver = new AtomicBoolean();
    int cameras = 4;
    int batchesEach = 25;
    ExecutorService pool = Executors.newFixedThreadPool(cameras);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < cameras; c++) {
      running.add(pool.submit(() -> {
        for (int b = 0; b < batchesEach; b++) {
          List<PlateRead> batch = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            batch.add(Reads.read(NodeFixture.CAMERA, "DUR" + b + "X" + i, Instant.now()).build());
          }
          byte[] body = NodeFixture.avroContainer(batch);
          // Like a real edge: keep the batch until it is acknowledged, re-sending the same ids.
          while (true) {
            HttpResponse<String> response = NodeFixture.postReads(node, NodeFixture.CAMERA, NodeFixture.CAMERA_KEY,
                "avro/binary", body);
            if (response.statusCode() == 200) {
              batch.forEach(r -> acknowledged.add(r.getEventId()));
              break;
            }
            if (response.statusCode() == 503) {
              unavailable.incrementAndGet();
              if (response.headers().firstValue("Retry-After").isEmpty()) {
                withoutRetryAfter.incrementAndGet();
              }
              Thread.sleep(outageOver.get() ? 50 : 200);
            } else {
              unexpected.incrementAndGet();
              break;
            }
          }
          Thread.sleep(20);
        }
        return null;
      }));
    }

    waitUntil(() -> acknowledged.size() >= 100, 30);
    postgres.stop();
    waitUntil(() -> unavailable.get() >= 8, 30);
    HttpResponse<String> ready = NodeFixture.get(node, "/ready", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("\"databaseReachable\":false");
    int ackedDuringOutage = acknowledged.size();
    Thread.sleep(1500);
    // Nothing can be acknowledged while the database is down.
    assertThat(acknowledged.size()).isEqualTo(ackedDuringOutage);
    postgres.restart();
    outageOver.set(true);
    for (Future<?> f : running) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(unexpected.get()).isZero();
    assertThat(unavailable.get()).isGreaterThanOrEqualTo(8);
    assertThat(withoutRetryAfter.get()).isZero();
    assertThat(acknowledged).hasSize(cameras * batchesEach * 10);
    try (Connection c = node.database().dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE acked (id uuid)");
      try (var insert = c.prepareStatement("INSERT INTO acked VALUES (?::uuid)")) {
        for (String id : acknowledged) {
          insert.setString(1, id);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (ResultSet rs = st.executeQuery("""
          SELECT (SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM plate_reads r WHERE r.event_id = a.id)),
                 (SELECT count(*) FROM plate_reads), (SELECT count(DISTINCT event_id) FROM plate_reads)""")) {
        rs.next();
        assertThat(rs.getLong(1)).as("acknowledged reads missing from the database").isZero();
        assertThat(rs.getLong(2)).as("rows stored").isEqualTo(acknowledged.size());
        assertThat(rs.getLong(3)).as("distinct ids stored").isEqualTo(acknowledged.size());
      }
    }
    assertThat(NodeFixture.get(node, "/ready", null).statusCode()).isEqualTo(200);
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void waitUntil(Condition condition, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!condition.holds()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not reached within " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }
}
