package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.testkit.Reads;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes on one machine form a Hazelcast cluster over TCP on loopback and share one database. */
class ClusterIT {

  static CorridorNode first;
  static CorridorNode second;

  @BeforeAll
  static void start() throws Exception {
    String db = TestDatabase.fresh("cluster");
    String cluster = NodeFixture.uniqueCluster();
    first = CorridorNode.start(NodeFixture.settings(db, cluster, Map.of()));
    second = CorridorNode.start(NodeFixture.settings(db, cluster, Map.of()));
    NodeFixture.registerDevices(first);
    second.reloadDevices();
    DurableAckIT.waitUntil(() -> new JsonObject(NodeFixture.get(second, "/ready", null).body())
        .getInteger("clusterMembers") == 2, 30);
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  static long rows(String id) throws Exception {
    return NodeFixture.count(first, "SELECT count(*) FROM plate_reads WHERE event_id = '" + id + "'");
  }

  @Test
  void aReadPostedToBothNodesIsStoredOnce() throws Exception {
    for (int i = 0; i < 10; i++) {
      String id = UUID.randomUUID().toString();
      String body = IngestIT.json(id, "PR" + (100 + i) + "KS", Instant.now());
      CompletableFuture<HttpResponse<String>> toFirst = CompletableFuture.supplyAsync(() -> post(first, body));
      CompletableFuture<HttpResponse<String>> toSecond = CompletableFuture.supplyAsync(() -> post(second, body));
      assertThat(toFirst.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(toSecond.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(rows(id)).isEqualTo(1);
    }
  }

  @Test
  void avroRecordsCrossTheClusterThroughTheOneCodec() throws Exception {
    PlateRead sent = Reads.read(NodeFixture.CAMERA, "01555AB", Instant.now())
        .setLocation(new GeoPoint(42.66, 21.16)).setFrameIds(List.of("frame-1", "frame-2")).build();
    CompletableFuture<PlateRead> received = new CompletableFuture<>();
    String address = "test.cluster." + UUID.randomUUID();
    CorridorNode.await(second.vertx().eventBus().<PlateRead>consumer(address, m -> received.complete(m.body()))
        .completion());
    // The subscription propagates through the cluster map; retry until the first node sees it.
    for (int attempt = 0; attempt < 50 && !received.isDone(); attempt++) {
      first.vertx().eventBus().send(address, sent);
      Thread.sleep(100);
    }
    assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(sent).isNotSameAs(sent);
  }

  @Test
  void retentionRunsOncePerClusterInterval() throws Exception {
    first.runRetention(Duration.ZERO);
    assertThat(second.runRetention(Duration.ofHours(1))).isEmpty();
    assertThat(first.runRetention(Duration.ofHours(1))).isEmpty();
  }

  private static HttpResponse<String> post(CorridorNode node, String body) {
    try {
      return NodeFixture.postJson(node, body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
