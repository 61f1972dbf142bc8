package io.corridor.tracking.shipments;

/**
 * A hold, a release or an alert acknowledgement the caller must change: bad input (HTTP 400) or a
 * conflict with the hold's state (409).
 */
public final class HoldRefusal extends RuntimeException {

  /** Why. */
  public enum Kind {
    /** A field is missing or malformed. */
    INVALID,
    /** Held under that case already, or no open hold to release. */
    CONFLICT
  }

  private final Kind kind;
  private final String field;

  /** Refused for {@code kind}, naming the request's {@code field}. */
  public HoldRefusal(Kind kind, String field, String reason) {
    super(reason);
    this.kind = kind;
    this.field = field;
  }

  /** Why. */
  public Kind kind() {
    return kind;
  }

  /** The request field at fault. */
  public String field() {
    return field;
  }
}
