package io.corridor.anpr.openalpr;

import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.plate.PlatePostProcessor;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link PlateRecognizer} backed by OpenALPR through its JNI bindings: validates the image
 * header, runs OpenALPR on a pooled native instance, parses its JSON and post-processes the
 * plates against the known formats.
 *
 * <p>Blocking; call from a worker pool of at most {@link OpenAlprSettings#handles()} threads.
 */
public final class OpenAlprRecognizer implements PlateRecognizer {

  /** The registry name of this engine. */
  public static final String ENGINE = "openalpr";

  private final HandlePool<AlprSession> sessions;
  private final ImageProbe probe;
  private final OpenAlprResultParser parser = new OpenAlprResultParser();
  private final PlatePostProcessor postProcessor;

  OpenAlprRecognizer(Supplier<AlprSession> sessionFactory, OpenAlprSettings settings, ImageProbe probe,
      PlatePostProcessor postProcessor) {
    this.sessions = new HandlePool<>("OpenALPR engine", settings.handles(), sessionFactory, AlprSession::unload,
        settings.handleWait());
    this.probe = Objects.requireNonNull(probe, "probe");
    this.postProcessor = Objects.requireNonNull(postProcessor, "postProcessor");
    // Start one instance now: a missing config or model fails at start-up, not on the first frame.
    sessions.release(sessions.borrow());
  }

  /**
   * Loads OpenALPR and starts its first native instance.
   *
   * @throws io.corridor.anpr.EngineUnavailableException OpenALPR's bindings, native libraries or
   *     configured files are missing; the message says which and how to install them
   */
  public static OpenAlprRecognizer open(OpenAlprSettings settings) {
    OpenAlprNative alpr = OpenAlprNative.load();
    return new OpenAlprRecognizer(() -> alpr.open(settings), settings, new ImageProbe(), new PlatePostProcessor());
  }

  @Override
  public String engine() {
    return ENGINE;
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code hints.region()} becomes OpenALPR's default region (its pattern code, e.g. "md");
   * {@code hints.country()} guides format correction. The processing time is measured around the
   * native call and parsing.
   */
  @Override
  public RecognitionResult recognize(byte[] image, RecognitionHints hints) {
    Objects.requireNonNull(hints, "hints");
    probe.probe(image);
    AlprSession session = sessions.borrow();
    long started = System.nanoTime();
    String json;
    try {
      json = session.recognizeJson(image, hints.region());
    } finally {
      sessions.release(session);
    }
    RecognitionResult parsed = parser.parse(json);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return postProcessor.process(parsed, hints).withProcessingTime(elapsed);
  }

  @Override
  public void close() {
    sessions.close();
  }
}
