package io.corridor.tracking.mqtt;

import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.tracking.positions.PositionAvroDecoder;
import io.corridor.tracking.positions.PositionJsonDecoder;
import io.corridor.tracking.positions.PositionService;
import io.corridor.tracking.positions.TrackerIdentity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Decides what one MQTT message means for the device that sent it: which topic, whether that device
 * may publish there, and which service stores it. The future completes after commit; it fails with
 * {@link IngestException}: 400 malformed or invalid payload, 403 another device's topic, 404 a topic
 * Corridor takes nothing on, or {@code UnavailableException} when it could not be stored now.
 */
public final class MqttRouter {

  /** Stores one message's payload from a device allowed on the topic. */
  @FunctionalInterface
  public interface TopicHandler {
    /**
     * @param key the key the device connected with (for services that authenticate again, like frames)
     */
    CompletableFuture<?> handle(TrackerIdentity sender, String key, byte[] payload);
  }

  private static final byte[] AVRO_MAGIC = {'O', 'b', 'j', 1};

  private final Map<MqttTopic.Kind, TopicHandler> handlers = new EnumMap<>(MqttTopic.Kind.class);

  /** Routes tracker positions and OwnTracks locations to {@code positions}. */
  public MqttRouter(PositionService positions, int maxBatch) {
    PositionJsonDecoder json = new PositionJsonDecoder();
    PositionAvroDecoder avro = new PositionAvroDecoder();
    OwnTracksDecoder owntracks = new OwnTracksDecoder();
    handlers.put(MqttTopic.Kind.TRACKER_POSITION, (sender, key, payload) -> isAvro(payload)
        ? positions.accept(sender, "mqtt-avro", avro.decode(payload, maxBatch))
        : positions.accept(sender, "mqtt-json", json.decode(payload)));
    handlers.put(MqttTopic.Kind.OWNTRACKS, (sender, key, payload) -> {
      Optional<Position> fix = owntracks.decode(payload);
      return fix.isEmpty() ? CompletableFuture.completedFuture(List.of())
          : positions.accept(sender, "owntracks", new java.util.ArrayList<>(List.of(fix.get())), OwnTracksDecoder::fieldName);
    });
  }

  /** Adds (or replaces) the handler of one kind of topic. */
  public MqttRouter on(MqttTopic.Kind kind, TopicHandler handler) {
    handlers.put(kind, handler);
    return this;
  }

  /** Stores {@code payload} published by {@code sender} on {@code topicName}. */
  public CompletableFuture<?> route(TrackerIdentity sender, String key, String topicName, byte[] payload) {
    try {
      MqttTopic topic = MqttTopic.parse(topicName).orElseThrow(() -> new IngestException(404, "unknown_topic", "topic",
          "Corridor takes corridor/trackers/{id}/position, owntracks/{user}/{id}, corridor/drones/{id}/telemetry,"
              + " corridor/drones/{id}/detections and thing/product/{id}/osd; not '" + topicName + "'"));
      if (!topic.deviceId().equals(sender.id())) {
        throw new IngestException(403, "forbidden", "topic",
            "device '" + sender.id() + "' may not publish to '" + topicName + "', the topic of '" + topic.deviceId() + "'");
      }
      if (!topic.deviceKind().equals(sender.device().kind())) {
        throw new IngestException(403, "forbidden", "topic",
            "device '" + sender.id() + "' is a " + sender.device().kind() + "; '" + topicName + "' is for a " + topic.deviceKind());
      }
      TopicHandler handler = handlers.get(topic.kind());
      if (handler == null) {
        throw new IngestException(404, "unknown_topic", "topic", "'" + topicName + "' is not served by this node");
      }
      return handler.handle(sender, key, payload);
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static boolean isAvro(byte[] payload) {
    return payload.length >= 4 && payload[0] == AVRO_MAGIC[0] && payload[1] == AVRO_MAGIC[1] && payload[2] == AVRO_MAGIC[2]
        && payload[3] == AVRO_MAGIC[3];
  }
}
