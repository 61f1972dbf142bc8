package io.corridor.anpr.openalpr;

/**
 * One native OpenALPR instance. Not thread-safe: OpenALPR keeps per-instance state (default
 * region, OCR buffers), so a session is used by one thread at a time, which {@link HandlePool}
 * guarantees.
 */
interface AlprSession {

  /** Recognises one encoded image and returns OpenALPR's JSON for it. */
  String recognizeJson(byte[] image, String defaultRegion);

  /** Frees the native instance; the session is unusable afterwards. */
  void unload();
}
