package io.corridor.load.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Device keys and user tokens for the load: the demo's {@code credentials.json} (or a file of the
 * same shape for a staging cluster: {@code devices[{id, kind, key, status}]}, {@code tokens{role: jwt}},
 * {@code hotlistedPlates[]}).
 *
 * @param trackers active trackers listed in the file (may be empty: the load then registers its own)
 * @param tokens user tokens by role claim ({@code officer}, {@code analyst}, {@code approver}, {@code operator})
 * @param plates plates known to be read (the demo's hotlist): what analysts query under warrant
 */
record Credentials(List<Map<String, Object>> cameras, List<Map<String, Object>> trackers, Map<String, String> tokens,
    List<String> plates) {

  static Credentials load(Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(file));
      List<Map<String, Object>> cameras = new ArrayList<>();
      List<Map<String, Object>> trackers = new ArrayList<>();
      for (JsonNode d : root.path("devices")) {
        if (!d.path("status").asText("active").equals("active")) {
          continue;
        }
        Map<String, Object> device = Map.of("deviceId", d.path("id").asText(), "deviceKey", d.path("key").asText());
        switch (d.path("kind").asText()) {
          case "camera" -> cameras.add(device);
          case "tracker" -> trackers.add(device);
          default -> { }
        }
      }
      if (cameras.isEmpty()) {
        throw new IllegalStateException(file + " lists no active camera");
      }
      Map<String, String> tokens = new HashMap<>();
      root.path("tokens").fields().forEachRemaining(e -> tokens.put(e.getKey(), e.getValue().asText()));
      List<String> plates = new ArrayList<>();
      root.path("hotlistedPlates").forEach(p -> plates.add(p.asText()));
      return new Credentials(cameras, trackers, tokens, plates.isEmpty() ? List.of("01123AB") : plates);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read credentials " + file + " (start the demo, or pass --credentials)", e);
    }
  }

  /** The token of {@code role}; fails the run at start when the file has none. */
  String token(String role) {
    String token = tokens.get(role);
    if (token == null || token.isEmpty()) {
      throw new IllegalStateException("the credentials have no '" + role + "' token (tokens{" + role + "})");
    }
    return token;
  }

  String officerToken() {
    return token("officer");
  }
}
