package io.corridor.rules.engine.doc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One versioned rule document as an operator wrote it (YAML; JSON is YAML too).
 *
 * @param id the rule id, e.g. {@code speed-de-a2}
 * @param version its version; a replacement must carry a higher one
 * @param type the rule type, e.g. {@code spot-speed}
 * @param text the document text as written
 * @param body the parsed document
 */
public record RuleDocument(String id, int version, String type, String text, JsonNode body) {}
