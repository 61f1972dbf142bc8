package io.corridor.tracking.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming fast path of OwnTracks reads what the tree decoder reads, or leaves the message to it. */
class OwnTracksStreamingTest {

  @ParameterizedTest
  @ValueSource(strings = {"owntracks-location.json", "owntracks-lwt.json"})
  void capturedMessagesSameAsTheTree(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/payloads/mqtt/" + name)) {
      byte[] payload = in.readAllBytes();
      Optional<?> fast = OwnTracksStreaming.read(payload);
      assertThat(fast).isNotNull();
      assertThat(fast).isEqualTo(treeOnly(payload));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"_type\":\"location\",\"lat\":41.1,\"lon\":19.2,\"tst\":1796025600,\"vel\":60,\"bs\":2,\"tid\":\"ab\"}",
      "{\"_type\":\"transition\",\"event\":\"enter\",\"lat\":\"x\"}"})
  void sameAsTheTree(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    assertThat(OwnTracksStreaming.read(payload)).isNotNull().isEqualTo(treeOnly(payload));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"lat\": 1}", "{\"_type\":\"location\",\"lat\":1,\"lon\":2}",
      "{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":1,\"tid\":3}", "[1]", "{\"_type\":\"location\"",
      "{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":1,\"acc\":null}"})
  void leftToTheTree(String json) {
    assertThat(OwnTracksStreaming.read(json.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  private static Optional<?> treeOnly(byte[] payload) {
    return new OwnTracksDecoder().decodeTree(payload);
  }
}
