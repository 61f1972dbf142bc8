package io.corridor.anpr;

import io.corridor.anpr.openalpr.OpenAlprSettings;
import java.util.Objects;

/**
 * Settings for every engine, from which {@link RecognizerRegistry} starts the chosen one. Each
 * engine reads only its own part; the built-in engine will add its own component here.
 *
 * @param openAlpr settings of the "openalpr" engine
 */
public record EngineSettings(OpenAlprSettings openAlpr) {

  /** Checks that no part is null. */
  public EngineSettings {
    Objects.requireNonNull(openAlpr, "openAlpr");
  }

  /** The defaults of every engine. */
  public static EngineSettings defaults() {
    return new EngineSettings(OpenAlprSettings.defaults());
  }
}
