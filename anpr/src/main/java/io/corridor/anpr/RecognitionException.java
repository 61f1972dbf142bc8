package io.corridor.anpr;

/**
 * The engine failed on one image after it was accepted: the native call threw, its output could
 * not be parsed, no engine handle became free in time, or the recognizer is closed.
 */
public final class RecognitionException extends AnprException {

  /** {@code message} names the engine and what failed; {@code cause} may be null. */
  public RecognitionException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code message} names the engine and what failed. */
  public RecognitionException(String message) {
    super(message);
  }
}
