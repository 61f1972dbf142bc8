package io.corridor.api;

/**
 * A request understood but refused: 403 (not allowed, with the reason), 404 (no such thing) or
 * 409 (illegal state change, naming the current state). {@code error} is the machine-readable
 * code, e.g. {@code window_outside_warrant}.
 */
public final class Refused extends RuntimeException {

  private final int status;
  private final String error;

  /** A refusal answered with {@code status}. */
  public Refused(int status, String error, String reason) {
    super(reason);
    this.status = status;
    this.error = error;
  }

  public int status() { return status; }

  public String error() { return error; }
}
