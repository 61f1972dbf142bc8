package io.corridor.api.queries;

import io.corridor.api.BadRequest;
import io.corridor.api.JsonFields;
import io.corridor.api.Plates;
import io.corridor.api.Refused;
import io.corridor.api.warrants.Area;
import io.corridor.api.warrants.Warrant;
import io.corridor.api.warrants.WarrantService;
import io.corridor.platform.auth.Role;
import io.corridor.storage.AuditLog;
import io.corridor.storage.PlateProtector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The analysts' queries under warrant. Each names a warrant and a justification; the warrant is
 * checked ({@link WarrantCheck}), the query runs, and the answer leaves only after its audit row
 * (who, role, warrant, justification, parameters, ids of the records returned) is committed:
 * when the row cannot be written the caller gets the {@link SQLException} and answers 503.
 * Refusals are audited too. Plates are decrypted only into the answer. Blocking.
 */
public final class QueryService {

  private final WarrantService warrants;
  private final ReadQueries reads;
  private final PlateProtector protector;
  private final AuditLog audit;
  private final int maxPage;
  private final Clock clock;

  /** Queries {@code reads} under {@code warrants}, pages of at most {@code maxPage}. */
  public QueryService(WarrantService warrants, ReadQueries reads, PlateProtector protector, AuditLog audit, int maxPage,
      Clock clock) {
    this.warrants = warrants;
    this.reads = reads;
    this.protector = protector;
    this.audit = audit;
    this.maxPage = maxPage;
    this.clock = clock;
  }

  /** {@code POST /v1/queries/plate-history}: every read of {@code plate} in the window. */
  public JsonObject plateHistory(String analyst, JsonObject body) throws SQLException {
    Request q = Request.parse(body, maxPage);
    String plate = Plates.normalize(JsonFields.text(body, "plate"), "plate");
    byte[] hash = protector.hash(plate);
    JsonObject params = q.params().put("plateHash", HexFormat.of().formatHex(hash));
    Warrant w = authorise(analyst, "plate-history", q, params, hash, warrant -> WarrantCheck.plate(warrant, hash));
    List<ReadQueries.Row> rows = reads.plateHistory(hash, q.from(), q.to(), q.after(), q.limit());
    return answerReads(analyst, "plate-history", q, params, w, rows, rows);
  }

  /** {@code POST /v1/queries/passes}: reads at {@code cameras} or inside {@code area} in the window. */
  public JsonObject passes(String analyst, JsonObject body) throws SQLException {
    Request q = Request.parse(body, maxPage);
    List<String> cameras = JsonFields.texts(body, "cameras");
    Area area = body.getValue("area") == null ? null : Area.parse(body.getValue("area"), "area");
    if (cameras.isEmpty() == (area == null)) {
      throw new BadRequest("cameras", "give either cameras or an area");
    }
    JsonObject params = q.params();
    if (area != null) {
      params.put("area", area.points());
      Warrant w = authorise(analyst, "passes", q, params, null, warrant -> WarrantCheck.area(warrant, area));
      // The cameras whose registered location is inside the polygon (JTS), then the camera/time index.
      List<String> inside = reads.deviceLocations(null).entrySet().stream()
          .filter(e -> area.covers(e.getValue()[0], e.getValue()[1])).map(Map.Entry::getKey).sorted().toList();
      List<String> mobile = reads.mobileDevices();
      List<ReadQueries.Row> fetched = reads.inArea(inside, mobile, area.bounds(), q.from(), q.to(), q.after(), q.limit());
      List<ReadQueries.Row> exact = fetched.stream().filter(r -> r.lat() == null ? inside.contains(r.deviceId())
          : area.covers(r.lon(), r.lat())).toList();
      return answerReads(analyst, "passes", q, params, w, exact, fetched);
    }
    params.put("cameras", new JsonArray(cameras));
    Map<String, double[]> locations = reads.deviceLocations(cameras);
    Warrant w = authorise(analyst, "passes", q, params, null, warrant -> WarrantCheck.cameras(warrant, cameras, locations));
    List<ReadQueries.Row> rows = reads.atCameras(cameras, q.from(), q.to(), q.after(), q.limit());
    return answerReads(analyst, "passes", q, params, w, rows, rows);
  }

  /** {@code POST /v1/queries/convoy}: plates seen within Δt of the target at no fewer than k cameras. */
  public JsonObject convoy(String analyst, JsonObject body) throws SQLException {
    Request q = Request.parse(body, maxPage);
    String plate = Plates.normalize(JsonFields.text(body, "plate"), "plate");
    Duration delta = JsonFields.seconds(body, "deltaSeconds", 3600);
    int minCameras = JsonFields.integer(body, "minCameras", 2, 1, 1000);
    int page = JsonFields.integer(body, "page", 0, 0, 100_000);
    byte[] hash = protector.hash(plate);
    JsonObject params = q.params().put("plateHash", HexFormat.of().formatHex(hash))
        .put("deltaSeconds", delta.toSeconds()).put("minCameras", minCameras).put("page", page);
    Warrant w = authorise(analyst, "convoy", q, params, hash, warrant -> WarrantCheck.plate(warrant, hash));
    List<ReadQueries.Companion> found = reads.convoy(hash, q.from(), q.to(), delta, minCameras, page * q.limit(), q.limit());
    List<String> ids = new ArrayList<>();
    JsonArray items = new JsonArray();
    for (ReadQueries.Companion companion : found) {
      ids.addAll(companion.readIds());
      items.add(new JsonObject().put("plate", protector.decrypt(companion.plateCt())).put("cameras", companion.cameras())
          .put("first", companion.first().toString()).put("last", companion.last().toString())
          .put("readIds", new JsonArray(companion.readIds())));
    }
    record(analyst, "convoy", q, params, w, found.size(), ids);
    JsonObject answer = new JsonObject().put("warrantId", w.id().toString()).put("items", items);
    if (found.size() == q.limit()) {
      answer.put("nextPage", page + 1);
    }
    return answer;
  }

  /** A scope check run once the warrant is known to be usable. */
  private interface ScopeCheck {
    void check(Warrant w);
  }

  private Warrant authorise(String analyst, String kind, Request q, JsonObject params, byte[] plateHash,
      ScopeCheck scope) throws SQLException {
    try {
      Warrant w = warrants.findForQuery(q.warrantId(), plateHash).orElseThrow(() ->
          Refusal.NO_WARRANT.because("no warrant " + q.warrantId()));
      WarrantCheck.usable(w, analyst, clock.instant(), q.from(), q.to());
      scope.check(w);
      return w;
    } catch (Refused refused) {
      audit.append(new AuditLog.Entry(analyst, Role.ANALYST.claim(), "query." + kind + ".refused",
          "warrant " + q.warrantId(), 0, refused.error() + ": " + refused.getMessage(), q.warrantId().toString(),
          q.justification(), params.encode(), List.of()));
      throw refused;
    }
  }

  /**
   * Answers {@code rows} (what the query found, after any exact test) and continues after the last
   * of {@code fetched} (what the page read), so a page thinned by the exact test loses nothing.
   */
  private JsonObject answerReads(String analyst, String kind, Request q, JsonObject params, Warrant w,
      List<ReadQueries.Row> rows, List<ReadQueries.Row> fetched) throws SQLException {
    JsonArray items = new JsonArray();
    List<String> ids = new ArrayList<>();
    for (ReadQueries.Row r : rows) {
      ids.add(r.id().toString());
      items.add(new JsonObject().put("id", r.id().toString()).put("deviceId", r.deviceId())
          .put("eventTime", r.eventTime().toString()).put("plate", protector.decrypt(r.plateCt()))
          .put("country", r.country()).put("confidence", r.confidence()).put("lat", r.lat()).put("lon", r.lon())
          .put("lane", r.lane()).put("speedKmh", r.speedKmh()));
    }
    record(analyst, kind, q, params, w, rows.size(), ids);
    JsonObject answer = new JsonObject().put("warrantId", w.id().toString()).put("items", items);
    if (fetched.size() == q.limit()) {
      ReadQueries.Row last = fetched.getLast();
      answer.put("next", new Cursor(last.eventTime(), last.id()).encode());
    }
    return answer;
  }

  private void record(String analyst, String kind, Request q, JsonObject params, Warrant w, int count, List<String> ids)
      throws SQLException {
    audit.append(new AuditLog.Entry(analyst, Role.ANALYST.claim(), "query." + kind, "warrant " + w.id(), count,
        "case " + w.caseId(), w.id().toString(), q.justification(), params.encode(), ids));
  }

  /** The fields every query has. */
  record Request(UUID warrantId, String justification, Instant from, Instant to, Cursor after, int limit) {

    static Request parse(JsonObject body, int maxPage) {
      if (body == null) {
        throw new BadRequest("body", "a JSON object body is required");
      }
      UUID warrantId;
      try {
        warrantId = UUID.fromString(JsonFields.text(body, "warrantId"));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("warrantId", "warrantId must be a warrant's id (a UUID)");
      }
      String justification = JsonFields.text(body, "justification");
      Instant[] window = JsonFields.window(body);
      String after = body.getValue("after") instanceof String s ? s : null;
      int limit = JsonFields.integer(body, "limit", Math.min(100, maxPage), 1, maxPage);
      return new Request(warrantId, justification, window[0], window[1],
          after == null ? Cursor.start(window[0]) : Cursor.decode(after), limit);
    }

    JsonObject params() {
      return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("limit", limit)
          .put("after", after.encode());
    }
  }
}
