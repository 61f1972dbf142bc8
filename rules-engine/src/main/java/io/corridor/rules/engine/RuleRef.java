package io.corridor.rules.engine;

/**
 * Which rule document, at which version, found a violation.
 *
 * @param id the document id
 * @param version its version
 * @param type its rule type, e.g. {@code spot-speed}
 */
public record RuleRef(String id, int version, String type) {}
