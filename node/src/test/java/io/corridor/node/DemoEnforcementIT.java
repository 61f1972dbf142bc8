package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One round of the demo's enforcement feed yields a violation of each kind it stages (the section
 * entry is 58 s old and the window 60 s, so the sweep decides that journey within seconds).
 */
class DemoEnforcementIT {

  static final Set<String> KINDS = Set.of("SPEED", "AVERAGE_SPEED", "RED_LIGHT", "RESTRICTED_ZONE", "RESTRICTED_LANE",
      "UNINSURED_VEHICLE");

  @Test
  void aRoundProducesEveryKindOfViolation() throws Exception {
    CorridorNode node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("demo_enforcement"),
        NodeFixture.uniqueCluster(), Map.of("rules.sweep-interval", "1s")));
    try (node) {
      var devices = DemoEnforcement.register(new DeviceRepository(node.database().dataSource()));
      node.reloadDevices();
      String base = "http://127.0.0.1:" + node.httpPort();
      try (DemoEnforcement demo = DemoEnforcement.create(base,
          node.tokens().mint("op", Role.OPERATOR, Duration.ofMinutes(5)), devices, Duration.ofSeconds(60))) {
        demo.round();
        String officer = node.tokens().mint("officer-1", Role.OFFICER, Duration.ofMinutes(5));
        Set<String> kinds = new TreeSet<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!kinds.containsAll(KINDS) && System.currentTimeMillis() < deadline) {
          Thread.sleep(500);
          kinds.clear();
          new JsonObject(NodeFixture.get(node, "/v1/violations?limit=100", officer).body()).getJsonArray("violations")
              .forEach(v -> kinds.add(((JsonObject) v).getString("kind")));
        }
        assertThat(kinds).containsAll(KINDS);
        assertThat(List.copyOf(kinds)).hasSize(KINDS.size());
      }
    }
  }
}
