package io.corridor.anpr;

/**
 * The image cannot be recognised: not a JPEG or PNG, truncated, corrupt or too large. The frame is
 * at fault, not the engine, so retrying it never helps.
 */
public final class InvalidImageException extends AnprException {

  /** {@code message} names the problem, e.g. "truncated PNG header". */
  public InvalidImageException(String message) {
    super(message);
  }
}
