package io.corridor.storage.evidence;

/**
 * A frame could not be written as evidence (database unavailable). The frame stays in its cache
 * until it expires, so marking it again may still succeed.
 */
public final class EvidenceException extends RuntimeException {

  /** {@code message} names the frame; {@code cause} is the database error. */
  public EvidenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
