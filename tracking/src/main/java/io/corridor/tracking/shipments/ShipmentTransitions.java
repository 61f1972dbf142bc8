package io.corridor.tracking.shipments;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shipment life cycle as one explicit table: state × action → state. Every step is taken by a
 * customs officer; anything not in the table is refused with the current state (HTTP 409).
 */
public final class ShipmentTransitions {

  /** What a customs officer does to a shipment ({@code POST /v1/shipments/{id}/{action}}). */
  public enum Action {
    /** Release for transit (IE029): monitoring starts. */
    RELEASE,
    /** Arrival at destination (IE007): monitoring ends. */
    ARRIVE,
    /** Write off (IE045). */
    CLOSE,
    /** Cancel before arrival. */
    CANCEL;

    /** The lower-case name used in the path. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a path segment; empty when it names no action. */
    public static Optional<Action> parse(String value) {
      for (Action a : values()) {
        if (a.code().equals(value)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }
  }

  private static final Map<ShipmentState, Map<Action, ShipmentState>> TABLE = new EnumMap<>(ShipmentState.class);

  static {
    allow(ShipmentState.DECLARED, Action.RELEASE, ShipmentState.RELEASED);
    allow(ShipmentState.DECLARED, Action.CANCEL, ShipmentState.CANCELLED);
    allow(ShipmentState.RELEASED, Action.ARRIVE, ShipmentState.ARRIVED);
    allow(ShipmentState.RELEASED, Action.CANCEL, ShipmentState.CANCELLED);
    allow(ShipmentState.ARRIVED, Action.CLOSE, ShipmentState.CLOSED);
  }

  private ShipmentTransitions() {}

  private static void allow(ShipmentState from, Action action, ShipmentState to) {
    TABLE.computeIfAbsent(from, s -> new EnumMap<>(Action.class)).put(action, to);
  }

  /** The state {@code action} leads to from {@code from}; empty when the step is not allowed. */
  public static Optional<ShipmentState> next(ShipmentState from, Action action) {
    return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(action));
  }

  /** Whether a shipment in {@code state} is monitored. */
  public static boolean monitored(ShipmentState state) {
    return state == ShipmentState.RELEASED;
  }
}
