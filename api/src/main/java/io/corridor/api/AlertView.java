package io.corridor.api;

import java.time.Instant;

/** An alert as an officer sees it, plate decrypted. */
public record AlertView(String id, String kind, String severity, String ruleId, String subjectId, String deviceId,
    Instant eventTime, Instant raisedAt, String reason, String plate) {}
