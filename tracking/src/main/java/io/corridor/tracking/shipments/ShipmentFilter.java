package io.corridor.tracking.shipments;

import java.time.Instant;

/**
 * Which shipments a listing returns, newest declaration first.
 *
 * @param state only this state (null: any)
 * @param goods only this goods class (null: any)
 * @param alerting true: only with open alerts; false: only without; null: either
 * @param beforeDeclaredAt keyset cursor: declared before this (null: from the newest)
 * @param beforeId keyset cursor tie-break
 * @param limit most rows
 */
public record ShipmentFilter(ShipmentState state, GoodsClass goods, Boolean alerting, Instant beforeDeclaredAt,
    String beforeId, int limit) {}
