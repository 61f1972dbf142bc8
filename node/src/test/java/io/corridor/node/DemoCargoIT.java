package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.testkit.TestDatabase;
import io.corridor.tracking.JourneyScript;
import io.corridor.tracking.shipments.Mrn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A demo run cancels the shipments an earlier run left in transit on the demo's trackers, and no
 * other shipment.
 */
class DemoCargoIT {

  @Test
  void aNewRunCancelsWhatAnEarlierRunLeftInTransitOnItsTrackersOnly() throws Exception {
    CorridorNode node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("demo_cargo"), NodeFixture.uniqueCluster(),
        Map.of()));
    try (node) {
      String base = "http://127.0.0.1:" + node.httpPort();
      String customs = node.tokens().mint("customs-1", Role.CUSTOMS, Duration.ofMinutes(5));
      // a shipment of someone else's tracker, in transit: not the demo's to cancel
      JsonObject other = JourneyScript.durresPrishtina().declaration("tanker").put("mrn", Mrn.withCheck("26ALX0000000OTHER"))
          .put("trackers", new JsonArray().add("trk-not-the-demos"));
      String otherId = new JsonObject(NodeFixture.postAs(node, "/v1/shipments", customs, other.encode()).body()).getString("id");
      assertThat(NodeFixture.postAs(node, "/v1/shipments/" + otherId + "/release", customs, "{}").statusCode()).isEqualTo(200);

      Map<String, String> first;
      try (DemoCargo run = new DemoCargo(node, base)) {
        first = byState(node, customs);
      }
      assertThat(first).containsEntry(otherId, "released").hasSize(3).doesNotContainValue("cancelled");

      Thread.sleep(1_100); // a new run's MRNs are named by the second it starts in
      Map<String, String> second;
      try (DemoCargo run = new DemoCargo(node, base)) {
        second = byState(node, customs);
      }
      assertThat(second).hasSize(5).containsEntry(otherId, "released");
      first.keySet().stream().filter(id -> !id.equals(otherId))
          .forEach(id -> assertThat(second).as(id).containsEntry(id, "cancelled"));
      assertThat(second.values().stream().filter("released"::equals).count()).isEqualTo(3);

      String stale = first.keySet().stream().filter(id -> !id.equals(otherId)).findFirst().orElseThrow();
      JsonArray steps = new JsonObject(NodeFixture.get(node, "/v1/shipments/" + stale, customs).body())
          .getJsonArray("transitions");
      JsonObject last = steps.getJsonObject(steps.size() - 1);
      assertThat(last.getString("to")).isEqualTo("cancelled");
      assertThat(last.getString("note")).isEqualTo("superseded by a new demo run");
    }
  }

  private static Map<String, String> byState(CorridorNode node, String customs) throws Exception {
    Map<String, String> states = new TreeMap<>();
    JsonObject page = new JsonObject(NodeFixture.get(node, "/v1/shipments?limit=500", customs).body());
    for (Object o : page.getJsonArray("shipments")) {
      states.put(((JsonObject) o).getString("id"), ((JsonObject) o).getString("state"));
    }
    assertThat(page.getValue("next")).isNull();
    return states;
  }
}
