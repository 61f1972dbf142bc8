package io.corridor.config;

/** A configuration value is missing or invalid; the message names the key, its variable and the value. */
public final class ConfigException extends RuntimeException {

  /** Creates an exception whose message names {@code key}, its environment variable and the bad value. */
  public ConfigException(ConfigKey key, String value, String reason) {
    super("invalid " + key.name() + " (" + key.envName() + ")"
        + (value == null ? "" : " = '" + value + "'") + ": " + reason);
  }
}
