package io.corridor.tracking.mqtt;

import java.util.Optional;

/**
 * The topics Corridor's MQTT server takes, and whose device each names.
 *
 * @param kind what the topic carries
 * @param deviceId the device the topic belongs to: only that device may publish to it
 */
public record MqttTopic(Kind kind, String deviceId) {

  /** What a topic carries. */
  public enum Kind {
    /** {@code corridor/trackers/{id}/position}: Corridor JSON or an Avro container of Position. */
    TRACKER_POSITION,
    /** {@code owntracks/{user}/{device}}: OwnTracks JSON; {@code device} is the tracker's registered id. */
    OWNTRACKS,
    /** {@code corridor/drones/{id}/telemetry}: drone position, altitude, battery, mission. */
    DRONE_TELEMETRY,
    /** {@code corridor/drones/{id}/detections}: a vehicle seen at a place, with an optional JPEG frame. */
    DRONE_DETECTION,
    /** {@code thing/product/{serial}/osd}: DJI Cloud API periodic telemetry; {@code serial} is the drone's registered id. */
    DJI_OSD
  }

  /** The topic's meaning, or empty when Corridor takes nothing on it. */
  public static Optional<MqttTopic> parse(String topic) {
    String[] parts = topic.split("/", -1);
    if (parts.length == 4 && parts[0].equals("corridor") && parts[1].equals("trackers") && parts[3].equals("position")
        && !parts[2].isEmpty()) {
      return Optional.of(new MqttTopic(Kind.TRACKER_POSITION, parts[2]));
    }
    if (parts.length == 3 && parts[0].equals("owntracks") && !parts[1].isEmpty() && !parts[2].isEmpty()) {
      return Optional.of(new MqttTopic(Kind.OWNTRACKS, parts[2]));
    }
    if (parts.length == 4 && parts[0].equals("corridor") && parts[1].equals("drones") && !parts[2].isEmpty()) {
      if (parts[3].equals("telemetry")) {
        return Optional.of(new MqttTopic(Kind.DRONE_TELEMETRY, parts[2]));
      }
      if (parts[3].equals("detections")) {
        return Optional.of(new MqttTopic(Kind.DRONE_DETECTION, parts[2]));
      }
    }
    if (parts.length == 4 && parts[0].equals("thing") && parts[1].equals("product") && parts[3].equals("osd")
        && !parts[2].isEmpty()) {
      return Optional.of(new MqttTopic(Kind.DJI_OSD, parts[2]));
    }
    return Optional.empty();
  }

  /** The device kind that publishes on this topic. */
  public String deviceKind() {
    return kind == Kind.DRONE_TELEMETRY || kind == Kind.DRONE_DETECTION || kind == Kind.DJI_OSD ? "drone" : "tracker";
  }
}
