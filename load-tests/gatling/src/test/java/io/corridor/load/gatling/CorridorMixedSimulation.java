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
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The mixed load of a staging cluster: cameras posting JSON and Avro batches of reads and camera
 * frames, officers paging alerts. A 503 is an accepted answer only if the same body (same event
 * ids) is sent again until it is accepted, as the edge does; any other failure fails the run, and
 * so does a p99 over target. Rates ramp up over the first sixth of the run.
 *
 * <p>System properties: {@code corridor.target} (base URL), {@code corridor.rate} (JSON read
 * requests per second; Avro at half, frames and officers at a tenth), {@code corridor.duration}
 * (seconds), {@code corridor.credentials} (the demo's credentials.json or one of its shape),
 * {@code corridor.p99-ms} (read p99 target, default 1500).
 */
public class CorridorMixedSimulation extends Simulation {

  static final String TARGET = System.getProperty("corridor.target", "http://127.0.0.1:8080");
  static final double RATE = Double.parseDouble(System.getProperty("corridor.rate", "5"));
  static final int DURATION = Integer.parseInt(System.getProperty("corridor.duration", "120"));
  static final int P99_MS = Integer.parseInt(System.getProperty("corridor.p99-ms", "1500"));
  static final Credentials CREDENTIALS = Credentials.load(Path.of(System.getProperty("corridor.credentials",
      ".corridor/demo/credentials.json")));

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
        frames.injectOpen(profile(Math.max(0.5, RATE / 10))), officers.injectOpen(profile(Math.max(0.5, RATE / 10))))
        .protocols(protocol)
        .assertions(
            global().failedRequests().count().is(0L),
            details("reads json").responseTime().percentile(99.0).lt(P99_MS),
            details("reads avro").responseTime().percentile(99.0).lt(P99_MS),
            details("alerts first page").responseTime().percentile(99.0).lt(P99_MS),
            // A frame's answer waits for its vehicle's group to close (anpr.group-window, 2 s by default).
            details("frames").responseTime().percentile(99.0).lt(P99_MS + 5000));
  }
}
