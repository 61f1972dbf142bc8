package io.corridor.anpr.openalpr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start OpenALPR. The defaults are where the Debian/Ubuntu {@code openalpr} packages put
 * their files.
 *
 * @param country OpenALPR's country/model set: "eu" for European plates, "us", ...
 * @param configFile path of {@code openalpr.conf}
 * @param runtimeDir OpenALPR's {@code runtime_data} directory (detectors, OCR data, patterns)
 * @param topN how many candidate readings to ask for per plate
 * @param handles how many native OpenALPR instances at most, i.e. how many images at once; each
 *     holds its own models (tens of MB), so size this to the worker pool, not above
 * @param handleWait how long a call waits for a free instance before failing
 */
public record OpenAlprSettings(String country, Path configFile, Path runtimeDir, int topN, int handles, Duration handleWait) {

  /** {@code /etc/openalpr/openalpr.conf}, as installed by the Debian package. */
  public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/openalpr/openalpr.conf");
  /** {@code /usr/share/openalpr/runtime_data}, as installed by the Debian package. */
  public static final Path DEFAULT_RUNTIME_DIR = Path.of("/usr/share/openalpr/runtime_data");
  /** European plates. */
  public static final String DEFAULT_COUNTRY = "eu";
  /** OpenALPR's own default. */
  public static final int DEFAULT_TOP_N = 10;
  /** Generous: a queue this long means the pool is undersized, and failing tells the caller. */
  public static final Duration DEFAULT_HANDLE_WAIT = Duration.ofSeconds(5);

  /** Checks the values. */
  public OpenAlprSettings {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(runtimeDir, "runtimeDir");
    Objects.requireNonNull(handleWait, "handleWait");
    if (country.isBlank()) {
      throw new IllegalArgumentException("OpenALPR country must not be blank (e.g. eu)");
    }
    if (topN < 1 || topN > 100) {
      throw new IllegalArgumentException("OpenALPR topN must be within 1..100, got " + topN);
    }
    if (handles < 1) {
      throw new IllegalArgumentException("OpenALPR handles must be at least 1, got " + handles);
    }
    if (handleWait.isNegative()) {
      throw new IllegalArgumentException("OpenALPR handleWait must not be negative, got " + handleWait);
    }
  }

  /** Debian paths, "eu", top 10, one handle per available core. */
  public static OpenAlprSettings defaults() {
    return new OpenAlprSettings(DEFAULT_COUNTRY, DEFAULT_CONFIG_FILE, DEFAULT_RUNTIME_DIR, DEFAULT_TOP_N,
        Runtime.getRuntime().availableProcessors(), DEFAULT_HANDLE_WAIT);
  }

  /** These settings with another handle count. */
  public OpenAlprSettings withHandles(int newHandles) {
    return new OpenAlprSettings(country, configFile, runtimeDir, topN, newHandles, handleWait);
  }
}
