package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.api.openapi.ApiContract;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestIssuer;
import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.AlertKind;
import io.corridor.tracking.detect.CargoAlert;
import io.corridor.tracking.shipments.CargoAlertRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the public API × every role, plus no token, an expired token, a token for
 * another audience, a forged signature and a demo HS256 token, against a node that trusts an
 * OpenID Connect provider (a JWKS file): the answer is the expected status. The table below is
 * THE list of endpoints: a route the node serves, or an operation in {@code openapi.yaml}, that is
 * missing from it fails the test, so each new endpoint is added here (and to the contract) with
 * the roles that may call it. A cell that needs something to act on (a warrant in the right state,
 * a read disclosed under a warrant, an open hold, a hotlist entry, a declared shipment) creates it
 * through the API first, as the role that may; violations come from speeding reads at an
 * enforcement site the table puts in force.
 */
class AuthorizationMatrixIT {

  static final String ISSUER = "https://idp.test/realms/corridor";
  static final String AUDIENCE = "corridor-api";
  static final TestIssuer IDP = TestIssuer.rsa(ISSUER, "matrix-key");
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final AtomicInteger SEQ = new AtomicInteger();
  static final String PUBLIC = "public";
  static final String DEVICE = "device";
  /** The camera whose read the lawful-access cells query and hold (its own key: the table rotates cam-matrix's). */
  static final String CAMERA = "cam-matrix-reads";
  static final String CAMERA_KEY = "matrix-reads-key";
  static final String PLATE = "01888AB";
  static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  /** The window of every warrant and query of the table: one approval suffices for it. */
  static final Instant FROM = STARTED.minus(Duration.ofHours(1));
  static final Instant TO = STARTED.plus(Duration.ofHours(2));
  /** The camera of the table's enforcement site, whose speeding reads become violations. */
  static final String SPEED_CAMERA = "cam-matrix-speed";
  static final String SPEED_KEY = "matrix-speed-key";
  static final String RULE = "type: spot-speed\ntolerances: [{country: XK, bands: [{kmh: 5}]}]\n";

  /**
   * One endpoint: its contract operation, method, path (a supplier, for paths naming something
   * created per call), body, who may call it and the status an allowed caller gets.
   */
  record Endpoint(String operationId, String method, Supplier<String> path, Supplier<String> body, Set<String> allowed,
      int ok) {}

  static CorridorNode node;
  static Map<String, String> credentials;

  static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("health", "GET", () -> "/health", null, Set.of(PUBLIC), 200),
        new Endpoint("ready", "GET", () -> "/ready", null, Set.of(PUBLIC), 200),
        new Endpoint("metrics", "GET", () -> "/metrics", null, Set.of(PUBLIC), 200),
        new Endpoint("openapi", "GET", () -> "/openapi.yaml", null, Set.of(PUBLIC), 200),
        // device routes: a valid key of the route's kind gets the route's own answer to the body (a read is stored,
        // an empty frame is the wrong media type, an empty signal or position batch is a bad request)
        new Endpoint("postReads", "POST", () -> "/v1/reads", AuthorizationMatrixIT::deviceRead, Set.of(DEVICE), 200),
        new Endpoint("postFrame", "POST", () -> "/v1/frames", () -> "", Set.of(DEVICE), 415),
        new Endpoint("listAlerts", "GET", () -> "/v1/alerts", null, Set.of("officer"), 200),
        new Endpoint("listDevices", "GET", () -> "/v1/devices", null, Set.of("operator"), 200),
        new Endpoint("createDevice", "POST", () -> "/v1/devices",
            () -> "{\"id\":\"cam-m-" + SEQ.incrementAndGet() + "\",\"kind\":\"camera\",\"name\":\"matrix\"}",
            Set.of("operator"), 201),
        new Endpoint("rotateDeviceKey", "POST", () -> "/v1/devices/cam-matrix/rotate", null, Set.of("operator"), 200),
        new Endpoint("revokeDevice", "POST", () -> "/v1/devices/" + freshDevice() + "/revoke", null, Set.of("operator"),
            200),
        new Endpoint("postOpenAlpr", "POST", () -> "/v1/integrations/openalpr", () -> "{}", Set.of(DEVICE), 400),
        // lawful access: each step on a warrant of its own, so every allowed caller finds it in a state that admits it
        new Endpoint("requestWarrant", "POST", () -> "/v1/warrants", () -> warrantRequest().encode(), Set.of("analyst"), 201),
        new Endpoint("listWarrants", "GET", () -> "/v1/warrants", null, Set.of("analyst", "approver", "auditor"), 200),
        new Endpoint("getWarrant", "GET", () -> "/v1/warrants/" + warrant(), null, Set.of("analyst", "approver", "auditor"),
            200),
        new Endpoint("approveWarrant", "POST", () -> "/v1/warrants/" + warrant() + "/approve", AuthorizationMatrixIT::note,
            Set.of("approver"), 200),
        new Endpoint("rejectWarrant", "POST", () -> "/v1/warrants/" + warrant() + "/reject", AuthorizationMatrixIT::note,
            Set.of("approver"), 200),
        new Endpoint("revokeWarrant", "POST", () -> "/v1/warrants/" + warrant() + "/revoke", AuthorizationMatrixIT::note,
            Set.of("approver", "analyst"), 200),
        new Endpoint("queryPlateHistory", "POST", () -> "/v1/queries/plate-history",
            () -> query(approvedWarrant()).put("plate", PLATE).encode(), Set.of("analyst"), 200),
        new Endpoint("queryPasses", "POST", () -> "/v1/queries/passes",
            () -> query(approvedWarrant()).put("cameras", new JsonArray().add(CAMERA)).encode(), Set.of("analyst"), 200),
        new Endpoint("queryConvoy", "POST", () -> "/v1/queries/convoy",
            () -> query(approvedWarrant()).put("plate", PLATE).put("deltaSeconds", 60).encode(), Set.of("analyst"),
            200),
        new Endpoint("listAudit", "GET", () -> "/v1/audit", null, Set.of("auditor"), 200),
        new Endpoint("retentionReport", "GET", () -> "/v1/retention", null, Set.of("auditor", "operator"), 200),
        new Endpoint("holdReads", "POST", () -> "/v1/holds", () -> holdRequest().encode(), Set.of("analyst"), 201),
        new Endpoint("listHolds", "GET", () -> "/v1/holds", null, Set.of("auditor", "approver"), 200),
        new Endpoint("closeCase", "POST", () -> "/v1/cases/" + heldCase().substring("case:".length()) + "/close",
            () -> new JsonObject().put("outcome", "no_further_action").put("note", "authorization matrix").encode(),
            Set.of("approver"), 200),
        // the violation engine's management routes
        new Endpoint("listRules", "GET", () -> "/v1/rules", null, Set.of("operator", "officer"), 200),
        new Endpoint("getRule", "GET", () -> "/v1/rules/" + rule(), null, Set.of("operator", "officer"), 200),
        new Endpoint("putRule", "PUT", () -> "/v1/rules/matrix-put-" + SEQ.incrementAndGet(), () -> RULE,
            Set.of("operator"), 200),
        new Endpoint("listSites", "GET", () -> "/v1/sites", null, Set.of("operator", "officer"), 200),
        new Endpoint("putSite", "PUT", () -> "/v1/sites/matrix-site-" + SEQ.incrementAndGet(), AuthorizationMatrixIT::site,
            Set.of("operator"), 200),
        new Endpoint("importRegistry", "POST", () -> "/v1/registry/import",
            () -> "plate,class,euro_class,insured_until,registered_until\n01111AA,car,6,2027-01-01,2027-01-01\n",
            Set.of("operator"), 200),
        new Endpoint("importPermits", "POST", () -> "/v1/permits/matrix-zone/import",
            () -> "plate,valid_until\n01111AA,2027-01-01\n", Set.of("operator"), 200),
        new Endpoint("listHotlist", "GET", () -> "/v1/hotlist", null, Set.of("operator", "officer"), 200),
        new Endpoint("addHotlistEntry", "POST", () -> "/v1/hotlist", AuthorizationMatrixIT::hotlistEntry,
            Set.of("operator"), 201),
        new Endpoint("expireHotlistEntry", "POST", () -> "/v1/hotlist/" + hotlisted() + "/expire", null,
            Set.of("operator"), 200),
        new Endpoint("importHotlist", "POST", () -> "/v1/hotlist/import",
            () -> "plate,reason,severity,expires_at\nKS999AA,matrix import,WARNING,\n", Set.of("operator"), 200),
        // violations: spot-speed offences at an enforcement site of the table's own
        new Endpoint("listViolations", "GET", () -> "/v1/violations", null, Set.of("officer"), 200),
        new Endpoint("getViolation", "GET", () -> "/v1/violations/" + violation(), null, Set.of("officer"), 200),
        new Endpoint("getViolationEvidence", "GET", () -> "/v1/violations/" + violation() + "/evidence", null,
            Set.of("officer"), 200),
        new Endpoint("reviewViolation", "POST", () -> "/v1/violations/" + freshViolation() + "/confirm", () -> "{}",
            Set.of("officer"), 200),
        new Endpoint("postSignals", "POST", () -> "/v1/signals", () -> "{}", Set.of(DEVICE), 400),
        // cargo
        new Endpoint("declareShipment", "POST", () -> "/v1/shipments", () -> declaration().encode(), Set.of("customs"), 201),
        new Endpoint("listShipments", "GET", () -> "/v1/shipments", null, Set.of("customs"), 200),
        new Endpoint("getShipment", "GET", () -> "/v1/shipments/" + shipment(), null, Set.of("customs"), 200),
        new Endpoint("getShipmentTrack", "GET", () -> "/v1/shipments/" + shipment() + "/track", null, Set.of("customs"), 200),
        new Endpoint("getShipmentAlerts", "GET", () -> "/v1/shipments/" + shipment() + "/alerts", null, Set.of("customs"),
            200),
        new Endpoint("transitionShipment", "POST", () -> "/v1/shipments/" + shipment() + "/release", () -> "{}",
            Set.of("customs"), 200),
        new Endpoint("holdShipment", "POST", () -> "/v1/shipments/" + shipment() + "/holds", AuthorizationMatrixIT::shipmentHold,
            Set.of("customs"), 201),
        new Endpoint("releaseShipmentHold", "POST", () -> "/v1/shipments/" + heldShipment() + "/holds/MATRIX-HOLD/release",
            null, Set.of("customs"), 200),
        new Endpoint("listShipmentHolds", "GET", () -> "/v1/cargo/holds", null, Set.of("auditor", "customs"), 200),
        new Endpoint("acknowledgeCargoAlert", "POST", AuthorizationMatrixIT::freshCargoAlert, () -> "{}", Set.of("customs"),
            200),
        new Endpoint("cargoAlertStream", "GET", () -> "/v1/cargo/alerts/stream", null, Set.of("customs"), 200),
        new Endpoint("postPositions", "POST", () -> "/v1/positions", () -> "{}", Set.of(DEVICE), 400));
  }

  @BeforeAll
  static void start() throws Exception {
    Path jwks = Files.createTempFile("matrix-jwks", ".json");
    Files.writeString(jwks, TestIssuer.jwks(IDP));
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("matrix"), NodeFixture.uniqueCluster(), Map.of(
        "identity.issuer", ISSUER, "identity.audience", AUDIENCE, "identity.jwks-file", jwks.toString())));
    new DeviceRepository(node.database().dataSource()).register("cam-matrix", "camera", "matrix-key-1", "m", null, null);
    new DeviceRepository(node.database().dataSource()).register(CAMERA, "camera", CAMERA_KEY, "m", 42.66, 21.16);
    new DeviceRepository(node.database().dataSource()).register(SPEED_CAMERA, "camera", SPEED_KEY, "m", 42.67, 21.17);
    node.reloadDevices();
    credentials = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      credentials.put(role.claim(), IDP.token(role.claim() + "-1", AUDIENCE, Duration.ofMinutes(10),
          Map.of("roles", List.of(role.claim()))));
    }
    credentials.put("no role", IDP.token("nobody", AUDIENCE, Duration.ofMinutes(10), Map.of("roles", List.of("staff"))));
    credentials.put("no token", null);
    credentials.put("expired", IDP.token("officer-1", AUDIENCE, Duration.ofMinutes(-10),
        Map.of("roles", List.of(Role.values()).stream().map(Role::claim).toList())));
    credentials.put("other audience", IDP.token("officer-1", "another-api", Duration.ofMinutes(10),
        Map.of("roles", List.of(Role.values()).stream().map(Role::claim).toList())));
    credentials.put("wrong signature", TestIssuer.rsa(ISSUER, IDP.kid()).token("officer-1", AUDIENCE,
        Duration.ofMinutes(10), Map.of("roles", List.of(Role.values()).stream().map(Role::claim).toList())));
    credentials.put("demo HS256", node.tokens().mint("officer-1", Role.OPERATOR, Duration.ofMinutes(10)));
    // Device credentials (X-Device-Id/X-Device-Key, no bearer token), of the kind each device route takes.
    DeviceRepository devices = new DeviceRepository(node.database().dataSource());
    for (String kind : Set.copyOf(DEVICE_KINDS.values())) {
      devices.register("mx-" + kind, kind, "mx-" + kind + "-key", "matrix", null, null);
      devices.register("mx-" + kind + "-revoked", kind, "mx-" + kind + "-revoked-key", "matrix", null, null);
      devices.revoke("mx-" + kind + "-revoked");
    }
    node.reloadDevices();
    for (String device : List.of(DEVICE_KEY, DEVICE_WRONG_KEY, DEVICE_REVOKED)) {
      credentials.put(device, null);
    }
  }

  static final String DEVICE_KEY = "device key";
  static final String DEVICE_WRONG_KEY = "device, wrong key";
  static final String DEVICE_REVOKED = "device, revoked";
  /** The device kind each device route takes. */
  static final Map<String, String> DEVICE_KINDS = Map.of("postReads", "camera", "postFrame", "camera",
      "postOpenAlpr", "camera", "postSignals", "controller", "postPositions", "tracker");

  /** The device headers {@code credential} sends to {@code endpoint}; none for user credentials. */
  static Map<String, String> deviceHeaders(Endpoint endpoint, String credential) {
    String kind = DEVICE_KINDS.getOrDefault(endpoint.operationId(), "camera");
    return switch (credential) {
      case DEVICE_KEY -> Map.of("X-Device-Id", "mx-" + kind, "X-Device-Key", "mx-" + kind + "-key");
      case DEVICE_WRONG_KEY -> Map.of("X-Device-Id", "mx-" + kind, "X-Device-Key", "not-its-key");
      case DEVICE_REVOKED -> Map.of("X-Device-Id", "mx-" + kind + "-revoked", "X-Device-Key", "mx-" + kind + "-revoked-key");
      default -> Map.of();
    };
  }

  /** A valid read of the matrix's device camera. */
  static String deviceRead() {
    return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", "mx-camera")
        .put("eventTime", Instant.now().minusSeconds(5).toString()).put("plate", "01" + (100 + SEQ.incrementAndGet() % 900) + "DV")
        .put("country", "XK").put("confidence", 0.9).encode();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String freshDevice() {
    String id = "cam-r-" + SEQ.incrementAndGet();
    try {
      new DeviceRepository(node.database().dataSource()).register(id, "camera", "key-" + id, id, null, null);
      node.reloadDevices();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return id;
  }

  /** A fixture call as {@code role}, which must answer {@code status}; its JSON answer. */
  static JsonObject as(String role, String method, String path, String body, int status) {
    try {
      Answer answer = send(method, path, body, credentials.get(role), Map.of());
      if (answer.status() != status) {
        throw new IllegalStateException("fixture " + method + " " + path + " as " + role + ": expected " + status + ", got "
            + answer.status() + " " + answer.body());
      }
      return answer.body().isBlank() ? new JsonObject() : new JsonObject(answer.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String note() {
    return new JsonObject().put("note", "authorization matrix").encode();
  }

  static JsonObject warrantRequest() {
    return new JsonObject().put("caseId", "MATRIX-" + SEQ.incrementAndGet()).put("legalBasis", "CPC art. 88")
        .put("purpose", "authorization matrix").put("from", FROM.toString()).put("to", TO.toString())
        .put("expiresAt", STARTED.plus(Duration.ofDays(1)).toString())
        .put("scope", new JsonObject().put("plates", new JsonArray().add(PLATE)).put("cameras", new JsonArray().add(CAMERA)));
  }

  /** A warrant analyst-1 requested, not yet approved. */
  static String warrant() {
    return as("analyst", "POST", "/v1/warrants", warrantRequest().encode(), 201).getString("id");
  }

  static String approvedWarrant() {
    String id = warrant();
    as("approver", "POST", "/v1/warrants/" + id + "/approve", note(), 200);
    return id;
  }

  static JsonObject query(String warrantId) {
    return new JsonObject().put("warrantId", warrantId).put("justification", "authorization matrix")
        .put("from", FROM.toString()).put("to", TO.toString());
  }

  static volatile boolean readStored;

  /** Stores one read of {@link #PLATE}, once, for the queries and holds to find. */
  static void storeRead() {
    if (readStored) {
      return;
    }
    String read = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", CAMERA)
        .put("eventTime", STARTED.minusSeconds(60).toString()).put("plate", PLATE).put("country", "XK")
        .put("confidence", 0.9).encode();
    try {
      Answer stored = send("POST", "/v1/reads", read, null, Map.of("X-Device-Id", CAMERA, "X-Device-Key", CAMERA_KEY));
      if (stored.status() != 200) {
        throw new IllegalStateException("fixture read: " + stored.status() + " " + stored.body());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    readStored = true;
  }

  /** A hold request for the read as disclosed under a fresh approved warrant. */
  static JsonObject holdRequest() {
    storeRead();
    String warrant = approvedWarrant();
    JsonArray items = as("analyst", "POST", "/v1/queries/plate-history", query(warrant).put("plate", PLATE).encode(), 200)
        .getJsonArray("items");
    JsonArray ids = new JsonArray();
    items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
    if (ids.isEmpty()) {
      throw new IllegalStateException("fixture: the read of " + PLATE + " was not found under warrant " + warrant);
    }
    return new JsonObject().put("warrantId", warrant).put("readIds", ids).put("justification", "authorization matrix");
  }

  /** The case reference of an open hold. */
  static String heldCase() {
    return as("analyst", "POST", "/v1/holds", holdRequest().encode(), 201).getString("caseRef");
  }

  static volatile String rule;

  /** A rule document in force. */
  static String rule() {
    if (rule == null) {
      as("operator", "PUT", "/v1/rules/matrix-rule", RULE, 200);
      rule = "matrix-rule";
    }
    return rule;
  }

  static String site() {
    return site("cam-site-" + SEQ.incrementAndGet());
  }

  static String site(String device) {
    return new JsonObject().put("device", device).put("country", "XK")
        .put("timezone", "Europe/Belgrade").put("limits", new JsonObject().put("car", 80)).put("measurement", "radar")
        .put("calibration", new JsonObject().put("certificate", "KMA-2026-17").put("validUntil", "2027-05-01"))
        .put("purpose", "enforcement").encode();
  }

  static final java.util.Queue<String> PENDING_VIOLATIONS = new java.util.concurrent.ConcurrentLinkedQueue<>();
  static volatile String violation;

  /** A violation to look at. */
  static String violation() {
    if (violation == null) {
      violation = freshViolation();
    }
    return violation;
  }

  /** A pending violation no cell has reviewed yet. */
  static String freshViolation() {
    if (PENDING_VIOLATIONS.isEmpty()) {
      recordViolations(credentials.size() + 1);
    }
    return PENDING_VIOLATIONS.remove();
  }

  /**
   * Puts the enforcement site and the spot-speed rule in force, sends {@code count} speeding reads
   * and waits for their violations.
   */
  static void recordViolations(int count) {
    rule();
    as("operator", "PUT", "/v1/sites/matrix-speed", site(SPEED_CAMERA), 200);
    Set<String> known = new HashSet<>(violationIds());
    for (int i = 0; i < count; i++) {
      String plate = String.format("01%03dSP", SEQ.incrementAndGet() % 1000);
      String read = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", SPEED_CAMERA)
          .put("eventTime", Instant.now().minusSeconds(2).toString()).put("plate", plate).put("country", "XK")
          .put("confidence", 0.95).put("speedKmh", 131.0).encode();
      try {
        Answer stored = send("POST", "/v1/reads", read, null, Map.of("X-Device-Id", SPEED_CAMERA, "X-Device-Key", SPEED_KEY));
        if (stored.status() != 200) {
          throw new IllegalStateException("fixture speeding read: " + stored.status() + " " + stored.body());
        }
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> fresh = List.of();
    while (fresh.size() < count && System.nanoTime() < deadline) {
      fresh = violationIds().stream().filter(id -> !known.contains(id)).toList();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    if (fresh.size() < count) {
      throw new IllegalStateException("fixture: " + fresh.size() + " of " + count + " speeding reads became violations in 30 s");
    }
    PENDING_VIOLATIONS.addAll(fresh);
  }

  static List<String> violationIds() {
    List<String> ids = new ArrayList<>();
    as("officer", "GET", "/v1/violations?camera=" + SPEED_CAMERA, null, 200).getJsonArray("violations")
        .forEach(v -> ids.add(((JsonObject) v).getString("id")));
    return ids;
  }

  static String hotlistEntry() {
    return new JsonObject().put("plate", "MX" + (100_000 + SEQ.incrementAndGet()) + "H").put("reason", "authorization matrix")
        .encode();
  }

  /** The id of an active hotlist entry. */
  static String hotlisted() {
    return as("operator", "POST", "/v1/hotlist", hotlistEntry(), 201).getString("id");
  }

  /** A transit declaration with a fresh MRN (its check character as ISO 6346 computes it). */
  static JsonObject declaration() {
    String first17 = "26XK" + String.format("MTX%010d", SEQ.incrementAndGet());
    long sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = first17.charAt(i);
      int v = c - '0';
      if (c >= 'A') {
        v = 10;
        for (char letter = 'A'; letter < c; letter++) {
          v++;
          if (v % 11 == 0) {
            v++;
          }
        }
      }
      sum += (long) v << i;
    }
    Instant departure = STARTED.plus(Duration.ofHours(1));
    return new JsonObject().put("mrn", first17 + (char) ('0' + (int) (sum % 11 % 10))).put("goods", "medical")
        .put("description", "Insulin, refrigerated").put("quantity", 1200).put("unit", "kg").put("truckPlate", "AA 777 MD")
        .put("trackers", new JsonArray().add("trk-matrix")).put("officeOfDeparture", "AL005001")
        .put("officeOfDestination", "XK000101")
        .put("route", new JsonObject().put("corridorWidthM", 2000).put("points", new JsonArray()
            .add(new JsonArray().add(41.313).add(19.453)).add(new JsonArray().add(42.663).add(21.164))))
        .put("plannedDeparture", departure.toString())
        .put("eta", new JsonObject().put("earliest", departure.plus(Duration.ofHours(4)).toString())
            .put("latest", departure.plus(Duration.ofHours(8)).toString()))
        .put("temperature", new JsonObject().put("minC", 2).put("maxC", 8).put("excursionMinutes", 30));
  }

  /** A declared shipment's id. */
  static String shipment() {
    return as("customs", "POST", "/v1/shipments", declaration().encode(), 201).getString("id");
  }

  static String shipmentHold() {
    return new JsonObject().put("caseRef", "MATRIX-HOLD").put("justification", "authorization matrix").encode();
  }

  /** The acknowledgement path of a new alert of a new shipment (an alert is acknowledged once). */
  static String freshCargoAlert() {
    String id = shipment();
    CargoAlert alert = new CargoAlert(UUID.randomUUID().toString(), id, AlertKind.OFF_CORRIDOR, "matrix", "HIGH",
        "trk-matrix", Instant.now(), null, "left the corridor", Map.of());
    try {
      new CargoAlertRepository(node.database().dataSource()).apply(List.of(new AlertChange(alert, true)), Instant.now());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return "/v1/shipments/" + id + "/alerts/" + alert.id() + "/acknowledge";
  }

  /** A declared shipment held for case MATRIX-HOLD. */
  static String heldShipment() {
    String id = shipment();
    as("customs", "POST", "/v1/shipments/" + id + "/holds", shipmentHold(), 201);
    return id;
  }

  static int expected(Endpoint endpoint, String credential) {
    if (endpoint.allowed().contains(PUBLIC)) {
      return endpoint.ok();
    }
    if (endpoint.allowed().contains(DEVICE)) {
      return switch (credential) {
        case DEVICE_KEY -> endpoint.ok();
        case DEVICE_REVOKED -> 403;
        default -> 401; // a wrong key, no credential, or a user's token, which is no device credential
      };
    }
    if (credential.startsWith("device")) {
      return 401; // a device key is no user credential
    }
    if (Set.of("no token", "expired", "other audience", "wrong signature", "demo HS256").contains(credential)) {
      return 401;
    }
    return endpoint.allowed().contains(credential) ? endpoint.ok() : 403;
  }

  /** A status and body; an event stream's body is not waited for (it stays open). */
  record Answer(int status, String body) {}

  static Answer call(Endpoint endpoint, String credential, String bearer) throws Exception {
    return send(endpoint.method(), endpoint.path().get(), endpoint.body() == null ? null : endpoint.body().get(), bearer,
        deviceHeaders(endpoint, credential));
  }

  static Answer send(String method, String path, String body, String bearer, Map<String, String> headers)
      throws java.io.IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    headers.forEach(request::header);
    HttpResponse<java.io.InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.InputStream in = response.body()) {
      if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
        return new Answer(response.statusCode(), "");
      }
      return new Answer(response.statusCode(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void everyEndpointAnswersEveryCredentialAsTheTableSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (Endpoint endpoint : endpoints()) {
      for (Map.Entry<String, String> credential : credentials.entrySet()) {
        int want = expected(endpoint, credential.getKey());
        Answer got = call(endpoint, credential.getKey(), credential.getValue());
        cells++;
        if (got.status() != want) {
          wrong.add(endpoint.method() + " " + endpoint.operationId() + " as " + credential.getKey() + ": expected " + want
              + ", got " + got.status() + " " + got.body());
        } else if (want == 401 || want == 403) {
          assertThat(new JsonObject(got.body()).getString("error")).as("Corridor's error shape").isNotBlank();
        }
      }
    }
    assertThat(wrong).as("cells that differ from the table").isEmpty();
    assertThat(cells).isEqualTo(endpoints().size() * credentials.size());
  }

  /**
   * The device kind {@code agent} (an OpenALPR agent serving several cameras) in the matrix: its key
   * reaches the OpenALPR webhook (the same answer as a camera's to the table's body) and is refused
   * as the wrong kind everywhere else; a revoked agent is refused.
   */
  @Test
  void anAgentsKeyPostsOnlyToTheOpenAlprWebhook() throws Exception {
    DeviceRepository devices = new DeviceRepository(node.database().dataSource());
    devices.registerAgent("mx-agent", "mx-agent-key", "matrix", "MATRIXAGENTUID");
    devices.registerAgent("mx-agent-revoked", "mx-agent-revoked-key", "matrix", "MATRIXAGENTUID2");
    devices.revoke("mx-agent-revoked");
    node.reloadDevices();
    // The webhook answers the table's empty message as it does a camera's; a read in a camera's name
    // is another device's; the other routes refuse the kind.
    Map<String, Integer> want = Map.of("postOpenAlpr", 400, "postReads", 403, "postFrame", 415, "postSignals", 403,
        "postPositions", 403);
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      if (!DEVICE_KINDS.containsKey(endpoint.operationId())) {
        continue;
      }
      String body = endpoint.body() == null ? null : endpoint.body().get();
      Answer got = send(endpoint.method(), endpoint.path().get(), body, null,
          Map.of("X-Device-Id", "mx-agent", "X-Device-Key", "mx-agent-key"));
      if (got.status() != want.get(endpoint.operationId())) {
        wrong.add(endpoint.operationId() + ": expected " + want.get(endpoint.operationId()) + ", got " + got.status()
            + " " + got.body());
      }
      Answer revoked = send(endpoint.method(), endpoint.path().get(), body, null,
          Map.of("X-Device-Id", "mx-agent-revoked", "X-Device-Key", "mx-agent-revoked-key"));
      if (revoked.status() != 403) {
        wrong.add(endpoint.operationId() + " revoked: expected 403, got " + revoked.status() + " " + revoked.body());
      }
    }
    assertThat(wrong).as("device routes that answer an agent's key otherwise").isEmpty();
  }

  /**
   * Every user operation whose JSON body the contract describes refuses a body that is not an
   * object with the contract's 400, and every operation paging with {@code limit} refuses a
   * limit that is not a number the same way: the node validates all of them against openapi.yaml,
   * not only the ones that wire the validator themselves.
   */
  @Test
  void everyOperationWithABodyOrAPageLimitIsValidatedAgainstTheContract() throws Exception {
    JsonObject paths = ApiContract.parse(ApiContract.text()).getJsonObject("paths");
    Map<String, JsonObject> operations = new LinkedHashMap<>();
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
        operations.put(operation.getString("operationId"), operation);
      }
    }
    List<String> wrong = new ArrayList<>();
    int bodies = 0;
    int limits = 0;
    for (Endpoint endpoint : endpoints()) {
      JsonObject operation = operations.get(endpoint.operationId());
      String role = endpoint.allowed().iterator().next();
      if (!credentials.containsKey(role) || role.equals("no role")) {
        continue; // public and device operations: no user role
      }
      JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject());
      JsonObject json = content.getJsonObject("application/json");
      boolean validatedBody = json != null && !json.getJsonObject("schema", new JsonObject()).isEmpty()
          && Set.of("application/json", "text/plain", "multipart/form-data").containsAll(content.fieldNames());
      if (validatedBody) {
        bodies++;
        Answer got = send(endpoint.method(), endpoint.path().get(), "[1]", credentials.get(role), Map.of());
        JsonObject error = got.status() == 400 ? new JsonObject(got.body()) : new JsonObject();
        if (got.status() != 400 || !"bad_request".equals(error.getString("error")) || !"body".equals(error.getString("field"))
            || !error.getString("reason", "").contains("array")) {
          wrong.add(endpoint.operationId() + " body [1]: " + got.status() + " " + got.body());
        }
      }
      boolean pages = operation.getJsonArray("parameters", new JsonArray()).stream()
          .anyMatch(p -> ((JsonObject) p).getString("$ref", "").endsWith("/limit"));
      if (pages) {
        limits++;
        Answer got = send(endpoint.method(), endpoint.path().get() + "?limit=many", null, credentials.get(role), Map.of());
        JsonObject error = got.status() == 400 ? new JsonObject(got.body()) : new JsonObject();
        if (!"bad_parameter".equals(error.getString("error")) || !"limit".equals(error.getString("field"))) {
          wrong.add(endpoint.operationId() + " limit=many: " + got.status() + " " + got.body());
        }
      }
    }
    assertThat(wrong).as("operations not validated against the contract").isEmpty();
    assertThat(bodies).isGreaterThanOrEqualTo(15);
    assertThat(limits).isGreaterThanOrEqualTo(5);
  }

  @Test
  void theTableTheContractAndTheNodesRoutesListTheSameEndpoints() {
    JsonObject paths = ApiContract.parse(ApiContract.text()).getJsonObject("paths");
    Map<String, Set<String>> contract = new LinkedHashMap<>();
    Set<String> contractRoutes = new TreeSet<>();
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
        contract.put(operation.getString("operationId"), new HashSet<>(operation.getJsonArray("x-corridor-roles").getList()
            .stream().map(String::valueOf).toList()));
        contractRoutes.add(method.toUpperCase() + " " + path);
      }
    }
    Map<String, Set<String>> table = new LinkedHashMap<>();
    endpoints().forEach(e -> table.put(e.operationId(), e.allowed()));
    assertThat(table).as("the matrix table and openapi.yaml (operation ids and x-corridor-roles)").isEqualTo(contract);

    Set<String> served = new TreeSet<>();
    for (String route : node.routes()) {
      served.add(route.replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
    }
    assertThat(served).as("routes the node serves that openapi.yaml does not describe").isSubsetOf(contractRoutes);
    assertThat(contractRoutes).as("operations in openapi.yaml the node does not serve").isSubsetOf(served);
  }
}
