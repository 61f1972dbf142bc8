package io.corridor.anpr;

/** Starts one engine. Registered in a {@link RecognizerRegistry} under the engine's name. */
@FunctionalInterface
public interface RecognizerFactory {

  /**
   * Starts the engine: loads native code and models, so a missing piece fails here, at start-up.
   *
   * @throws EngineUnavailableException something the engine needs is missing on this host
   */
  PlateRecognizer create(EngineSettings settings);
}
