package io.corridor.anpr;

/**
 * A recognition engine cannot be started on this host: an unknown engine name, a missing native
 * library or Java binding, or a missing configuration file. Thrown at start-up so that a node
 * configured for an engine it cannot run fails loudly instead of dropping frames later.
 */
public final class EngineUnavailableException extends AnprException {

  /** {@code message} names what is missing and how to install it. */
  public EngineUnavailableException(String message) {
    super(message);
  }

  /** {@code message} names what is missing and how to install it; {@code cause} may be null. */
  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
