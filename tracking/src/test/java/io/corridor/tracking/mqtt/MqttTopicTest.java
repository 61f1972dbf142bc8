package io.corridor.tracking.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.tracking.mqtt.MqttTopic.Kind;
import org.junit.jupiter.api.Test;

class MqttTopicTest {

  @Test
  void topicsNameTheirDevice() {
    assertThat(MqttTopic.parse("corridor/trackers/trk-1/position")).hasValue(new MqttTopic(Kind.TRACKER_POSITION, "trk-1"));
    assertThat(MqttTopic.parse("owntracks/driver/trk-2")).hasValue(new MqttTopic(Kind.OWNTRACKS, "trk-2"));
    assertThat(MqttTopic.parse("corridor/drones/drn-1/telemetry")).hasValue(new MqttTopic(Kind.DRONE_TELEMETRY, "drn-1"));
    assertThat(MqttTopic.parse("corridor/drones/drn-1/detections")).hasValue(new MqttTopic(Kind.DRONE_DETECTION, "drn-1"));
    assertThat(MqttTopic.parse("corridor/drones/drn-1/telemetry").orElseThrow().deviceKind()).isEqualTo("drone");
    assertThat(MqttTopic.parse("owntracks/driver/trk-2").orElseThrow().deviceKind()).isEqualTo("tracker");
    assertThat(MqttTopic.parse("thing/product/drn-1/osd")).hasValue(new MqttTopic(Kind.DJI_OSD, "drn-1"));
  }

  @Test
  void otherTopicsAreNotTaken() {
    for (String topic : new String[] {"corridor/trackers//position", "corridor/trackers/t/position/extra", "owntracks/u",
        "owntracks/u/d/event", "corridor/drones/d/other", "thing/product//osd", "thing/product/x/events", ""}) {
      assertThat(MqttTopic.parse(topic)).as(topic).isEmpty();
    }
  }
}
