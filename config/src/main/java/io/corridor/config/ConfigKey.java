package io.corridor.config;

import java.util.Locale;

/**
 * One configuration key: its dotted name, default and meaning. Every key maps to an environment
 * variable ({@code ingest.max-body-bytes} → {@code CORRIDOR_INGEST_MAX_BODY_BYTES}) and can be set
 * on the command line as {@code --ingest.max-body-bytes=…}. The README's configuration table is
 * checked against the declared keys.
 *
 * @param name dotted, lower-case name
 * @param defaultValue default as text, or {@code null} when the key has no default
 * @param description what the key controls, in one sentence
 */
public record ConfigKey(String name, String defaultValue, String description) {

  /** Environment variable that sets this key. */
  public String envName() {
    return "CORRIDOR_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
