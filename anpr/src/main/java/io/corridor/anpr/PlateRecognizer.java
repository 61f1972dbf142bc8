package io.corridor.anpr;

/**
 * Finds number plates in an image. The only type callers of the ANPR module see; engines
 * (OpenALPR through JNI, the built-in one) hide behind it.
 *
 * <p>{@link #recognize} blocks, usually for tens of milliseconds and sometimes far longer, and may
 * run native code: call it from a bounded worker pool sized to the cores, never from an event
 * loop. Implementations are thread-safe; they bound their own native resources (one native handle
 * per concurrent call at most).
 */
public interface PlateRecognizer extends AutoCloseable {

  /** The engine's registry name, e.g. "openalpr". */
  String engine();

  /**
   * Recognises the plates in one JPEG or PNG image.
   *
   * @param image the encoded image bytes; not modified
   * @param hints what is known about the expected plates; {@link RecognitionHints#none()} if
   *     nothing
   * @return the plates found (possibly none), each with its candidates best first
   * @throws InvalidImageException the bytes are not a supported, intact image within the size limit
   * @throws RecognitionException the engine failed on this image or the recognizer is closed
   */
  RecognitionResult recognize(byte[] image, RecognitionHints hints);

  /** Releases native handles. Calls already running finish; later calls fail. Idempotent. */
  @Override
  void close();
}
