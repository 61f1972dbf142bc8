package io.corridor.ingest;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.util.List;

/** Frames sent for plate recognition ({@code POST /v1/frames}). */
public final class FrameOptions {

  /** Recognition engine. */
  public static final ConfigKey ENGINE = new ConfigKey("anpr.engine", "builtin",
      "Plate recognizer for frames: builtin (OpenCV + Tesseract), openalpr (host libraries) or none (frames refused)");
  /** Recognition threads. */
  public static final ConfigKey WORKERS = new ConfigKey("anpr.workers", "2",
      "Threads running plate recognition (one per core is usual); never the event loops");
  /** Frames waiting for a recognition thread. */
  public static final ConfigKey QUEUE = new ConfigKey("anpr.queue-capacity", "32",
      "Frames waiting for recognition before new frames get 503");
  /** Largest frame body. */
  public static final ConfigKey MAX_FRAME_BYTES = new ConfigKey("anpr.max-frame-bytes", "8388608",
      "Largest image accepted on /v1/frames; larger bodies get 413");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(ENGINE, WORKERS, QUEUE, MAX_FRAME_BYTES);

  private final String engine;
  private final int workers;
  private final int queueCapacity;
  private final int maxFrameBytes;

  /** Reads and validates the frame keys. */
  public FrameOptions(Settings settings) {
    engine = settings.require(ENGINE);
    if (!List.of("builtin", "openalpr", "none").contains(engine)) {
      throw new ConfigException(ENGINE, engine, "must be builtin, openalpr or none");
    }
    workers = settings.getPositiveInt(WORKERS);
    queueCapacity = settings.getPositiveInt(QUEUE);
    maxFrameBytes = settings.getPositiveInt(MAX_FRAME_BYTES);
  }

  public String engine() { return engine; }

  public int workers() { return workers; }

  public int queueCapacity() { return queueCapacity; }

  public int maxFrameBytes() { return maxFrameBytes; }
}
