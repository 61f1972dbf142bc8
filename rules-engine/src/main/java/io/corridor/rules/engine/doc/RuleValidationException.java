package io.corridor.rules.engine.doc;

import java.util.List;
import java.util.stream.Collectors;

/** A document was refused; {@link #errors()} names the rule, field and reason of every problem found. */
public final class RuleValidationException extends Exception {

  private final transient List<RuleError> errors;

  /** Refuses with {@code errors} (at least one). */
  public RuleValidationException(List<RuleError> errors) {
    super(errors.stream().map(RuleError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  /** Every problem, in document order. */
  public List<RuleError> errors() {
    return errors;
  }
}
