package io.corridor.rules.engine.doc;

/**
 * One problem found when validating a rule or site document.
 *
 * @param rule the document id (or the file name when the id itself is missing)
 * @param field the dotted path of the offending field, e.g. {@code sections[1].distanceMeters}
 * @param reason what is wrong and what is accepted
 */
public record RuleError(String rule, String field, String reason) {

  @Override
  public String toString() {
    return rule + ": " + field + ": " + reason;
  }
}
