package io.corridor.api;

/** Bad input to a lawful-access endpoint: answered 400 naming the field. */
public final class BadRequest extends RuntimeException {

  private final String field;

  /** {@code field} is the JSON field or query parameter at fault. */
  public BadRequest(String field, String reason) {
    super(reason);
    this.field = field;
  }

  /** The field at fault. */
  public String field() {
    return field;
  }
}
