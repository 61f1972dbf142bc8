package io.corridor.rules.violations;

/**
 * A review step that cannot be taken: the HTTP status, error code, the field at fault (when one)
 * and, for an illegal step, the violation's current status.
 */
public final class ReviewException extends RuntimeException {

  private final int status;
  private final String error;
  private final String field;
  private final ViolationStatus current;

  ReviewException(int status, String error, String field, ViolationStatus current, String reason) {
    super(reason);
    this.status = status;
    this.error = error;
    this.field = field;
    this.current = current;
  }

  static ReviewException notFound(String id) {
    return new ReviewException(404, "not_found", "id", null, "no violation " + id);
  }

  static ReviewException invalid(String field, String reason) {
    return new ReviewException(400, "bad_request", field, null, reason);
  }

  static ReviewException conflict(ViolationStatus current, String reason) {
    return new ReviewException(409, "illegal_transition", null, current, reason);
  }

  public int status() { return status; }

  public String error() { return error; }

  /** The request field at fault, or null. */
  public String field() { return field; }

  /** The violation's status when the step was refused, or null when not a 409. */
  public ViolationStatus current() { return current; }
}
