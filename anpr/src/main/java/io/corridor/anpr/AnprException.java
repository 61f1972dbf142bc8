package io.corridor.anpr;

/**
 * The one exception type of the ANPR layer; subclasses say what went wrong. Unchecked so that a
 * pipeline stage can catch {@link RuntimeException}, count it and go on with the next frame.
 */
public class AnprException extends RuntimeException {

  /** {@code message} names what failed and the values involved; {@code cause} may be null. */
  public AnprException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code message} names what failed and the values involved. */
  public AnprException(String message) {
    super(message);
  }
}
