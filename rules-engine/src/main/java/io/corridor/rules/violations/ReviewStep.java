package io.corridor.rules.violations;

import java.time.Instant;

/** One recorded review step: who did what, when and why. */
public record ReviewStep(int seq, String action, ViolationStatus from, ViolationStatus to, String actor, Instant at,
    String reasonCode, String note, String reference) {}
