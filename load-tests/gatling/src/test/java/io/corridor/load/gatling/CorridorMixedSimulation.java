package io.corridor.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Body;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The mixed load of a staging cluster: cameras posting JSON and Avro batches of reads and camera
 * frames, trackers posting positions over the OsmAnd protocol (query-string form, per-device keys),
 * officers paging alerts and violations, analysts querying a plate's history under an approved
 * warrant. A 503 is an accepted answer only if the same body (same event
 * ids) is sent again until it is accepted, as the edge does; any other failure fails the run, and
 * so does a p99 over target. Rates ramp up over the first sixth of the run.
 *
 * <p>System properties: {@code corridor.target} (base URL), {@code corridor.rate} (JSON read
 * requests per second; Avro at half, frames and officers at a tenth), {@code corridor.duration}
 * (seconds), {@code corridor.credentials} (the demo's credentials.json or one of its shape),
 * {@code corridor.p99-ms} (read p99 target, default 1500), {@code corridor.osmand-target} (base URL
 * of the OsmAnd port, default the target's host on 5055), {@code corridor.trackers} (trackers
 * registered through {@code POST /v1/devices} when the credentials list none, default 20). MQTT
 * load is not here: open-source Gatling has no MQTT protocol ({@code bin/corridor bench tracking}
 * drives MQTT).
 */
public class CorridorMixedSimulation extends Simulation {

  static final String TARGET = System.getProperty("corridor.target", "http://127.0.0.1:8080");
  static final double RATE = Double.parseDouble(System.getProperty("corridor.rate", "5"));
  static final int DURATION = Integer.parseInt(System.getProperty("corridor.duration", "120"));
  static final int P99_MS = Integer.parseInt(System.getProperty("corridor.p99-ms", "1500"));
  static final Credentials CREDENTIALS = Credentials.load(Path.of(System.getProperty("corridor.credentials",
      ".corridor/demo/credentials.json")));

  static final String OSMAND = System.getProperty("corridor.osmand-target",
      TARGET.replaceFirst(":\\d+$", "") + ":5055");
  static final int TRACKERS = Integer.parseInt(System.getProperty("corridor.trackers", "20"));
  static final LoadSetup SETUP = new LoadSetup(TARGET);
  static final List<Map<String, Object>> TRACKER_KEYS = CREDENTIALS.trackers().isEmpty()
      ? SETUP.registerTrackers(CREDENTIALS.token("operator"), TRACKERS) : CREDENTIALS.trackers();
  static final LoadSetup.Warrant WARRANT = SETUP.approvedWarrant(CREDENTIALS.token("analyst"),
      CREDENTIALS.token("approver"), CREDENTIALS.plates(), Duration.ofSeconds(DURATION));

  final Iterator<Map<String, Object>> trackers = Stream.generate(
      () -> TRACKER_KEYS.get(ThreadLocalRandom.current().nextInt(TRACKER_KEYS.size()))).iterator();

  final Iterator<Map<String, Object>> cameras = Stream.generate(
      () -> CREDENTIALS.cameras().get(ThreadLocalRandom.current().nextInt(CREDENTIALS.cameras().size()))).iterator();

  final HttpProtocolBuilder protocol = http.baseUrl(TARGET).acceptHeader("application/json")
      .userAgentHeader("corridor-gatling");

  /** Posts the session's body; on 503 waits and posts the very same body again until it is accepted. */
  static ChainBuilder postUntilAccepted(String name, String path, String contentType, Body body, Duration retryPause) {
    ChainBuilder send = exec(http(name).post(path).header("Content-Type", contentType)
        .header("X-Device-Id", "#{deviceId}").header("X-Device-Key", "#{deviceKey}").header("X-Event-Time", "#{eventTime}")
        .body(body).check(status().in(200, 503).saveAs("status")));
    ChainBuilder retry = exec(http(name + " (resent after 503)").post(path).header("Content-Type", contentType)
        .header("X-Device-Id", "#{deviceId}").header("X-Device-Key", "#{deviceKey}").header("X-Event-Time", "#{eventTime}")
        .body(body).check(status().in(200, 503).saveAs("status")));
    return send.exec(asLongAs(s -> s.getInt("status") == 503).on(pause(retryPause).exec(retry)));
  }

  final ScenarioBuilder jsonReads = scenario("camera reads (JSON)").feed(cameras)
      .exec(s -> s.set("body", Bodies.jsonBatch(s.getString("deviceId"), 10)).set("eventTime", now()))
      .exec(postUntilAccepted("reads json", "/v1/reads", "application/json", StringBody("#{body}"), Duration.ofSeconds(1)));

  final ScenarioBuilder avroReads = scenario("camera reads (Avro batches)").feed(cameras)
      .exec(s -> s.set("avro", Bodies.avroBatch(s.getString("deviceId"), 50)).set("eventTime", now()))
      .exec(postUntilAccepted("reads avro", "/v1/reads", "avro/binary", ByteArrayBody("#{avro}"), Duration.ofSeconds(1)));

  final ScenarioBuilder frames = scenario("camera frames").feed(cameras)
      .exec(s -> s.set("frame", Bodies.frame()).set("eventTime", now()))
      .exec(postUntilAccepted("frames", "/v1/frames", "image/png", ByteArrayBody("#{frame}"), Duration.ofSeconds(1)));

  final ScenarioBuilder officers = scenario("officers paging alerts")
      .exec(s -> s.set("since", Instant.now().minus(Duration.ofHours(1)).toString()))
      .exec(http("alerts first page").get("/v1/alerts?since=#{since}&limit=50")
          .header("Authorization", "Bearer " + CREDENTIALS.officerToken())
          .check(status().is(200), jsonPath("$.next").optional().saveAs("next")))
      .exec(doIf(s -> s.contains("next") && s.getString("next") != null).then(
          exec(http("alerts next page").get("/v1/alerts?since=#{next}&limit=50")
              .header("Authorization", "Bearer " + CREDENTIALS.officerToken()).check(status().is(200)))));

  /** One OsmAnd fix per user: fresh millisecond timestamp, so a resend after 503 is the same fix. */
  final ScenarioBuilder trackerPositions = scenario("tracker positions (OsmAnd)").feed(trackers)
      .exec(s -> s.set("fix", Bodies.osmandQuery(s.getString("deviceId"), s.getString("deviceKey"))))
      .exec(http("osmand position").post(OSMAND + "/?#{fix}").check(status().in(200, 503).saveAs("status")))
      .exec(asLongAs(s -> s.getInt("status") == 503).on(pause(Duration.ofSeconds(1))
          .exec(http("osmand position (resent after 503)").post(OSMAND + "/?#{fix}")
              .check(status().in(200, 503).saveAs("status")))));

  final ScenarioBuilder violations = scenario("officers paging violations")
      .exec(http("violations first page").get("/v1/violations?limit=50")
          .header("Authorization", "Bearer " + CREDENTIALS.officerToken())
          .check(status().is(200), jsonPath("$.violations").exists(), jsonPath("$.next").optional().saveAs("next")))
      .exec(doIf(s -> s.contains("next") && s.getString("next") != null).then(
          exec(http("violations next page").get("/v1/violations?limit=50&after=#{next}")
              .header("Authorization", "Bearer " + CREDENTIALS.officerToken()).check(status().is(200)))));

  final ScenarioBuilder analysts = scenario("analysts querying under warrant")
      .exec(s -> s.set("query", Bodies.plateHistory(WARRANT, CREDENTIALS.plates())))
      .exec(http("plate history under warrant").post("/v1/queries/plate-history")
          .header("Authorization", "Bearer " + CREDENTIALS.token("analyst")).header("Content-Type", "application/json")
          .body(StringBody("#{query}")).check(status().is(200), jsonPath("$.items").exists()));

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  static OpenInjectionStep[] profile(double rate) {
    int ramp = Math.max(1, DURATION / 6);
    return new OpenInjectionStep[] {rampUsersPerSec(Math.min(1, rate)).to(rate).during(ramp),
        constantUsersPerSec(rate).during(DURATION - ramp)};
  }

  {
    setUp(jsonReads.injectOpen(profile(RATE)), avroReads.injectOpen(profile(RATE / 2)),
        frames.injectOpen(profile(Math.max(0.5, RATE / 10))), officers.injectOpen(profile(Math.max(0.5, RATE / 10))),
        trackerPositions.injectOpen(profile(RATE)), violations.injectOpen(profile(Math.max(0.5, RATE / 10))),
        analysts.injectOpen(profile(Math.max(0.5, RATE / 10))))
        .protocols(protocol)
        .assertions(
            global().failedRequests().count().is(0L),
            details("reads json").responseTime().percentile(99.0).lt(P99_MS),
            details("reads avro").responseTime().percentile(99.0).lt(P99_MS),
            details("alerts first page").responseTime().percentile(99.0).lt(P99_MS),
            details("osmand position").responseTime().percentile(99.0).lt(P99_MS),
            details("violations first page").responseTime().percentile(99.0).lt(P99_MS),
            details("plate history under warrant").responseTime().percentile(99.0).lt(P99_MS),
            // A frame's answer waits for its vehicle's group to close (anpr.group-window, 2 s by default).
            details("frames").responseTime().percentile(99.0).lt(P99_MS + 5000));
  }
}
