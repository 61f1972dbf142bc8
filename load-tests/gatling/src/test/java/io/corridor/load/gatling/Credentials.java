package io.corridor.load.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Device keys and user tokens for the load: the demo's {@code credentials.json} (or a file of the
 * same shape for a staging cluster: {@code devices[{id, kind, key, status}]}, {@code tokens{role: jwt}}).
 */
record Credentials(List<Map<String, Object>> cameras, String officerToken) {

  static Credentials load(Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(file));
      List<Map<String, Object>> cameras = new ArrayList<>();
      for (JsonNode d : root.path("devices")) {
        if (d.path("kind").asText().equals("camera") && d.path("status").asText("active").equals("active")) {
          cameras.add(Map.of("deviceId", d.path("id").asText(), "deviceKey", d.path("key").asText()));
        }
      }
      if (cameras.isEmpty()) {
        throw new IllegalStateException(file + " lists no active camera");
      }
      return new Credentials(cameras, root.path("tokens").path("officer").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read credentials " + file + " (start the demo, or pass --credentials)", e);
    }
  }
}
