package io.corridor.load.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the load needs before it starts, made through the public API as a deployment team would:
 * trackers registered by the operator ({@code POST /v1/devices}) and a warrant requested by the
 * analyst and approved by the approver. Any refusal stops the run before it starts.
 */
final class LoadSetup {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String target;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  LoadSetup(String target) {
    this.target = target;
  }

  /** A warrant in force for the analysts' queries, and the window it covers. */
  record Warrant(String id, Instant from, Instant to) {}

  /** Registers {@code count} trackers; their ids and keys, in the feeder's shape. */
  List<Map<String, Object>> registerTrackers(String operatorToken, int count) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Map<String, Object>> trackers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "trk-load-" + run + "-" + i;
      ObjectNode body = JSON.createObjectNode().put("id", id).put("kind", "tracker").put("name", "load test tracker " + i);
      JsonNode answer = post("/v1/devices", operatorToken, body, 201);
      trackers.add(Map.of("deviceId", id, "deviceKey", answer.path("key").asText()));
    }
    return trackers;
  }

  /** Requests a warrant on {@code plates} covering the last day and the run, and approves it. */
  Warrant approvedWarrant(String analystToken, String approverToken, List<String> plates, Duration run) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant from = now.minus(Duration.ofDays(1));
    Instant to = now.plus(run).plus(Duration.ofMinutes(10));
    ObjectNode body = JSON.createObjectNode().put("caseId", "LOAD-" + now.getEpochSecond())
        .put("legalBasis", "load test").put("purpose", "measure analyst queries under warrant")
        .put("from", from.toString()).put("to", to.toString()).put("expiresAt", to.plus(Duration.ofHours(1)).toString());
    plates.forEach(body.putObject("scope").putArray("plates")::add);
    String id = post("/v1/warrants", analystToken, body, 201).path("id").asText();
    post("/v1/warrants/" + id + "/approve", approverToken,
        JSON.createObjectNode().put("note", "approved for the load test"), 200);
    return new Warrant(id, from, to);
  }

  private JsonNode post(String path, String token, ObjectNode body, int expected) {
    try {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(target + path))
          .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != expected) {
        throw new IllegalStateException("load setup: POST " + path + " answered " + answer.statusCode() + " "
            + answer.body());
      }
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException("load setup: POST " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("load setup interrupted", e);
    }
  }
}
