package io.corridor.rules.engine;

/** A document was sent with a version not above the one in force (HTTP 409 with the current version). */
public final class VersionConflictException extends Exception {

  private final int current;

  /** {@code what} (rule or site id) is at {@code current}. */
  public VersionConflictException(String what, int current) {
    super(what + " is at version " + current + "; send a higher version");
    this.current = current;
  }

  /** The version in force. */
  public int current() {
    return current;
  }
}
