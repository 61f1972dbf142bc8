package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingBenchTest {

  @Test
  void warmUpGroupsAreNamedAsLongAsTheTimedOnesAndApartFromThem() {
    for (int round = 0; round <= 9; round++) {
      assertThat(TrackingBench.warmGroup("osm", round)).hasSameSizeAs("osm").isNotEqualTo("osm");
      assertThat(TrackingBench.warmGroup("mqtt", round)).hasSameSizeAs("mqtt").isNotEqualTo("mqtt");
    }
    assertThat(TrackingBench.warmGroup("osm", 3)).isNotEqualTo(TrackingBench.warmGroup("osm", 4));
    // the timed rows are counted with LIKE 'bench-osm-<run>-%': no warm-up tracker may match it
    assertThat("bench-" + TrackingBench.warmGroup("osm", 0) + "-").doesNotStartWith("bench-osm-");
    assertThat("bench-" + TrackingBench.warmGroup("mqtt", 0) + "-").doesNotStartWith("bench-mqtt-");
  }

  @Test
  void timedGroupsOfEveryIterationAreAsLongAsTheWarmUpOnesAndApartFromEachOther() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int k = 0; k <= 9; k++) {
      for (String path : new String[] {"osm", "mqtt"}) {
        String group = TrackingBench.timedGroup(path, k);
        assertThat(group).hasSameSizeAs(path).hasSameSizeAs(TrackingBench.warmGroup(path, 0));
        assertThat(seen.add(group)).as(group).isTrue();
        for (int round = 0; round <= 9; round++) {
          assertThat(group).isNotEqualTo(TrackingBench.warmGroup(path, round));
        }
      }
    }
    assertThat(TrackingBench.timedGroup("osm", 0)).isEqualTo("osm");
    assertThat(TrackingBench.timedGroup("mqtt", 2)).isEqualTo("mqt2");
  }
}
