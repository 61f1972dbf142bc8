package io.corridor.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration values by key. Precedence: explicit values (command-line options) over environment
 * variables over base values (a configuration file) over the key's default. Typed getters fail fast with a {@link ConfigException} that
 * names the key and the bad value.
 */
public final class Settings {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> explicit;
  private final Map<String, String> environment;
  private final Map<String, String> base;

  private Settings(Map<String, String> explicit, Map<String, String> environment, Map<String, String> base) {
    this.explicit = Map.copyOf(explicit);
    this.environment = Map.copyOf(environment);
    this.base = Map.copyOf(base);
  }

  /**
   * Settings from {@code explicit} values, then the process environment, then {@code base} values
   * (for example a configuration file).
   */
  public static Settings fromEnvironment(Map<String, String> explicit, Map<String, String> base) {
    return new Settings(explicit, System.getenv(), base);
  }

  /** Settings from the given values only (tests, tools); the environment is ignored. */
  public static Settings of(Map<String, String> explicit) {
    return new Settings(explicit, Map.of(), Map.of());
  }

  /** A copy with {@code key} set to {@code value}, overriding every other source. */
  public Settings with(ConfigKey key, String value) {
    Map<String, String> copy = new HashMap<>(explicit);
    copy.put(key.name(), value);
    return new Settings(copy, environment, base);
  }

  /** A copy whose base values are {@code values} under the current ones (the current ones win). */
  public Settings withBase(Map<String, String> values) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(base);
    return new Settings(explicit, environment, merged);
  }

  /** The raw value, or {@code null} when unset and without default. */
  public String get(ConfigKey key) {
    String value = explicit.get(key.name());
    if (value == null) {
      value = environment.get(key.envName());
    }
    if (value == null) {
      value = base.get(key.name());
    }
    return value != null ? value.trim() : key.defaultValue();
  }

  /** The value, which must be present and non-blank. */
  public String require(ConfigKey key) {
    String value = get(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, value, "is required");
    }
    return value;
  }

  /** An integer value. */
  public int getInt(ConfigKey key) {
    String value = require(key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be an integer");
    }
  }

  /** A positive integer value. */
  public int getPositiveInt(ConfigKey key) {
    int value = getInt(key);
    if (value <= 0) {
      throw new ConfigException(key, String.valueOf(value), "must be greater than 0");
    }
    return value;
  }

  /** A {@code true}/{@code false} value. */
  public boolean getBoolean(ConfigKey key) {
    String value = require(key);
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new ConfigException(key, value, "must be true or false");
    }
    return Boolean.parseBoolean(value);
  }

  /** A duration written as a number and a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 30d}. */
  public Duration getDuration(ConfigKey key) {
    String value = require(key);
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new ConfigException(key, value, "must be a number followed by ms, s, m, h or d (for example 30s)");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
