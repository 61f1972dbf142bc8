package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Severity;
import io.corridor.platform.auth.Role;
import io.corridor.rules.HotlistRepository;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After reads, a hotlist alert, a warrant naming the plate, a query under it and a legal hold have
 * gone through a real node, no text, bytea, JSON or array column of any table (reads, alerts,
 * warrants, holds, audit, and whatever other modules add) holds the plate in clear.
 */
class PlatePrivacyIT {

  static final String PLATE = "01777KS";
  static final String WARRANT_PLATE = "BG456CD";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("privacy"), NodeFixture.uniqueCluster(), Map.of()));
    NodeFixture.registerDevices(node);
    new HotlistRepository(node.database().dataSource())
        .add("stolen-privacy", PLATE, "reported stolen", Severity.CRITICAL, "test", node.protector());
    // The rules see a hotlist entry after their next reload (rules.hotlist.reload-interval, 1 s here),
    // and a read is evaluated once: post only after that.
    Thread.sleep(2500);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static HttpResponse<String> post(String path, String token, JsonObject body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void noTableHoldsAPlateInClear() throws Exception {
    Instant now = Instant.now();
    assertThat(NodeFixture.postJson(node, IngestIT.json(UUID.randomUUID().toString(), "01-777-KS", now.minusSeconds(60)))
        .statusCode()).isEqualTo(200);
    assertThat(NodeFixture.postJson(node, IngestIT.json(UUID.randomUUID().toString(), "BG 456 CD", now.minusSeconds(30)))
        .statusCode()).isEqualTo(200);
    long deadline = System.currentTimeMillis() + 10_000;
    while (NodeFixture.count(node, "SELECT count(*) FROM alerts") == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM alerts")).isEqualTo(1);

    String analyst = node.tokens().mint("analyst-p", Role.ANALYST, Duration.ofMinutes(5));
    HttpResponse<String> requested = post("/v1/warrants", analyst, new JsonObject().put("caseId", "C-PRIV")
        .put("legalBasis", "CPC art. 88").put("purpose", "trace a vehicle").put("from", now.minus(Duration.ofDays(1)).toString())
        .put("to", now.plusSeconds(60).toString()).put("expiresAt", now.plus(Duration.ofDays(1)).toString())
        .put("scope", new JsonObject().put("plates", new JsonArray().add(WARRANT_PLATE).add(PLATE))));
    assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
    String id = new JsonObject(requested.body()).getString("id");
    assertThat(post("/v1/warrants/" + id + "/approve", node.tokens().mint("approver-p", Role.APPROVER, Duration.ofMinutes(5)),
        new JsonObject().put("note", "proportionate")).statusCode()).isEqualTo(200);
    HttpResponse<String> history = post("/v1/queries/plate-history", analyst, new JsonObject().put("warrantId", id)
        .put("justification", "witness statement").put("from", now.minus(Duration.ofDays(1)).toString())
        .put("to", now.plusSeconds(60).toString()).put("plate", WARRANT_PLATE));
    assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
    JsonArray items = new JsonObject(history.body()).getJsonArray("items");
    assertThat(items.getJsonObject(0).getString("plate")).isEqualTo(WARRANT_PLATE);
    assertThat(post("/v1/holds", analyst, new JsonObject().put("warrantId", id).put("justification", "evidence")
        .put("readIds", new JsonArray().add(items.getJsonObject(0).getString("id")))).statusCode()).isEqualTo(201);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM held_reads")).isEqualTo(1);

    try (Connection c = node.database().dataSource().getConnection()) {
      for (String plate : List.of(PLATE, WARRANT_PLATE, "01-777-KS", "BG 456 CD")) {
        assertThat(columnsHolding(c, plate)).as("columns holding " + plate + " in clear").isEmpty();
      }
      // The scan itself finds a plate where one is stored in clear.
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE privacy_probe (note text, blob bytea, tags text[])");
        st.execute("INSERT INTO privacy_probe VALUES ('seen BG456CD today', convert_to('x01777KSx', 'UTF8'), '{a,01777KS}')");
      }
      assertThat(columnsHolding(c, WARRANT_PLATE)).containsExactly("privacy_probe.note");
      assertThat(columnsHolding(c, PLATE)).containsExactly("privacy_probe.blob", "privacy_probe.tags");
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE privacy_probe");
      }
    }
  }

  /** Every {@code table.column} of the public schema whose values contain {@code plate}. */
  static List<String> columnsHolding(Connection c, String plate) throws Exception {
    List<String> found = new ArrayList<>();
    List<String[]> columns = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND c.data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY')
         ORDER BY c.table_name, c.ordinal_position""")) {
      while (rs.next()) {
        columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    for (String[] col : columns) {
      String value = switch (col[2]) {
        case "bytea" -> "position(convert_to(?, 'UTF8') IN \"" + col[1] + "\") > 0";
        case "ARRAY" -> "array_to_string(\"" + col[1] + "\", ' ') ILIKE '%' || ? || '%'";
        default -> "\"" + col[1] + "\"::text ILIKE '%' || ? || '%'";
      };
      try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM \"" + col[0] + "\" WHERE " + value + ")")) {
        ps.setString(1, plate);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            found.add(col[0] + "." + col[1]);
          }
        }
      }
    }
    return found;
  }
}
