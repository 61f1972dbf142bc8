package io.corridor.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Requests, approvals and queries as the tests make them. */
public final class WarrantRequests {

  private final LawfulFixture fx;

  public WarrantRequests(LawfulFixture fx) {
    this.fx = fx;
  }

  /** A request body for {@code scope} over [from, to), expiring in a day. */
  public JsonObject body(JsonObject scope, Instant from, Instant to) {
    return new JsonObject().put("caseId", "CASE-" + System.nanoTime()).put("legalBasis", "CPC art. 88")
        .put("purpose", "locate a stolen vehicle").put("scope", scope).put("from", from.toString())
        .put("to", to.toString()).put("expiresAt", fx.clock.instant().plus(Duration.ofDays(1)).toString());
  }

  /** Requests as {@code analyst}; asserts 201 and returns the warrant. */
  public JsonObject request(String analyst, JsonObject body) throws Exception {
    HttpResponse<String> r = fx.post("/v1/warrants", fx.token(analyst, Role.ANALYST), body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body());
  }

  /** Takes {@code action} as {@code subject} in {@code role}. */
  public HttpResponse<String> act(String id, String action, String subject, Role role) throws Exception {
    return fx.post("/v1/warrants/" + id + "/" + action, fx.token(subject, role), new JsonObject().put("note", "checked"));
  }

  /** A plates-only warrant over the last day, approved once. */
  public JsonObject approvedForPlates(String analyst, String... plates) throws Exception {
    Instant now = fx.clock.instant();
    JsonObject w = request(analyst, body(new JsonObject().put("plates", new JsonArray(java.util.List.of(plates))),
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofHours(1))));
    assertThat(act(w.getString("id"), "approve", "approver-1", Role.APPROVER).statusCode()).isEqualTo(200);
    return w;
  }

  /** A query body under {@code warrantId} over [from, to). */
  public static JsonObject query(String warrantId, Instant from, Instant to) {
    return new JsonObject().put("warrantId", warrantId).put("justification", "case file 12/2026, sighting report")
        .put("from", from.toString()).put("to", to.toString());
  }
}
