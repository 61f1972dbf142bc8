package io.corridor.rules.outbox;

import java.time.Duration;

/**
 * How the outbox is consumed.
 *
 * @param batch rows claimed at once
 * @param lease how long a claim holds before another node may take the rows (must exceed the
 *     time one batch takes)
 * @param pollInterval how often a node looks for rows nobody claimed, e.g. a dead node's
 * @param evaluationTimeout longest the engine may take for one read
 */
public record OutboxOptions(int batch, Duration lease, Duration pollInterval, Duration evaluationTimeout) {}
