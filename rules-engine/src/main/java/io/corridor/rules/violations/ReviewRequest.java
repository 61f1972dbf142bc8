package io.corridor.rules.violations;

/**
 * One officer's review step as received.
 *
 * @param officer the token subject of the officer acting
 * @param action what they do
 * @param reasonCode dismissal reason (dismiss only)
 * @param note free text (required for reason code {@code other})
 * @param reference the notice reference number (issue only)
 */
public record ReviewRequest(String officer, ReviewAction action, String reasonCode, String note, String reference) {}
