package io.corridor.tracking.http;

/** Input a client must fix: answered 400 naming the field. */
public final class BadInput extends RuntimeException {

  private final String field;

  /** {@code field} is the JSON path of the bad value, e.g. {@code route.points[3]}. */
  public BadInput(String field, String reason) {
    super(reason);
    this.field = field;
  }

  /** The JSON path of the bad value. */
  public String field() {
    return field;
  }
}
