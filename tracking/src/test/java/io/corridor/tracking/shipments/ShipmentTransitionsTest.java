package io.corridor.tracking.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.tracking.shipments.ShipmentTransitions.Action;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Walks the whole table: every state with every action. */
class ShipmentTransitionsTest {

  private static final Map<String, ShipmentState> ALLOWED = Map.of(
      "DECLARED RELEASE", ShipmentState.RELEASED,
      "DECLARED CANCEL", ShipmentState.CANCELLED,
      "RELEASED ARRIVE", ShipmentState.ARRIVED,
      "RELEASED CANCEL", ShipmentState.CANCELLED,
      "ARRIVED CLOSE", ShipmentState.CLOSED);

  @Test
  void everyStateAndActionFollowsTheTable() {
    for (ShipmentState from : ShipmentState.values()) {
      for (Action action : Action.values()) {
        Optional<ShipmentState> next = ShipmentTransitions.next(from, action);
        assertThat(next).as(from + " " + action).isEqualTo(Optional.ofNullable(ALLOWED.get(from + " " + action)));
      }
    }
  }

  @Test
  void onlyReleasedShipmentsAreMonitored() {
    for (ShipmentState s : ShipmentState.values()) {
      assertThat(ShipmentTransitions.monitored(s)).isEqualTo(s == ShipmentState.RELEASED);
    }
  }

  @Test
  void actionsParseFromThePath() {
    assertThat(Action.parse("release")).contains(Action.RELEASE);
    assertThat(Action.parse("explode")).isEmpty();
  }
}
