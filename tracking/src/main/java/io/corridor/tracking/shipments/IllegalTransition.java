package io.corridor.tracking.shipments;

/** A life-cycle step the table does not allow from the shipment's current state (HTTP 409). */
public final class IllegalTransition extends RuntimeException {

  private final ShipmentState current;

  /** {@code action} is not allowed from {@code current}. */
  public IllegalTransition(ShipmentState current, ShipmentTransitions.Action action) {
    super("cannot " + action.code() + " a shipment that is " + current.code());
    this.current = current;
  }

  /** The shipment's state, unchanged. */
  public ShipmentState current() {
    return current;
  }
}
