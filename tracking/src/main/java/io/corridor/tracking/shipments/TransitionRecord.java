package io.corridor.tracking.shipments;

import java.time.Instant;

/**
 * One recorded step of a shipment's life cycle.
 *
 * @param seq 1, 2, ... per shipment
 * @param action what was done
 * @param from state before
 * @param to state after
 * @param actor who did it (token subject)
 * @param at when
 * @param note the officer's note, if any
 */
public record TransitionRecord(int seq, String action, ShipmentState from, ShipmentState to, String actor, Instant at,
    String note) {}
