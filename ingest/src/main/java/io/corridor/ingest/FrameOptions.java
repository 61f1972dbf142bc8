package io.corridor.ingest;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.List;

/** Frames sent for plate recognition ({@code POST /v1/frames}): recognition, grouping, evidence cache. */
public final class FrameOptions {

  /** Recognition engine. */
  public static final ConfigKey ENGINE = new ConfigKey("anpr.engine", "builtin",
      "Plate recognizer for frames: builtin (OpenCV + Corridor's character network), openalpr (host libraries) or none (frames refused)");
  /** Recognition threads. */
  public static final ConfigKey WORKERS = new ConfigKey("anpr.workers", "2",
      "Threads running plate recognition (one per core is usual); never the event loops");
  /** Frames waiting for a recognition thread. */
  public static final ConfigKey QUEUE = new ConfigKey("anpr.queue-capacity", "32",
      "Frames waiting for recognition before new frames get 503");
  /** Largest frame body. */
  public static final ConfigKey MAX_FRAME_BYTES = new ConfigKey("anpr.max-frame-bytes", "8388608",
      "Largest image accepted on /v1/frames; larger bodies get 413");
  /** Switch for per-vehicle grouping. */
  public static final ConfigKey GROUPING = new ConfigKey("anpr.grouping", "true",
      "Collapse one camera's frames of one vehicle into one read; false answers each frame with its own reads at once");
  /** Gap in a camera's event time that ends a vehicle's group. */
  public static final ConfigKey GROUP_WINDOW = new ConfigKey("anpr.group-window", "2s",
      "Frames of one camera reading the same or nearly the same plate within this gap form one read (0: no grouping)");
  /** Longest a vehicle's group stays open. */
  public static final ConfigKey GROUP_MAX_SPAN = new ConfigKey("anpr.group-max-span", "30s",
      "Longest time from a group's first frame to its close, so a parked car cannot hold a group (and its frames' answers) open");
  /** Most frames whose answers wait for their group. */
  public static final ConfigKey GROUP_MAX_HELD = new ConfigKey("anpr.group-max-held", "2000",
      "Frames waiting for their group's read to be committed before new frames get 503");
  /** Age limit of the evidence cache. */
  public static final ConfigKey EVIDENCE_CACHE_TTL = new ConfigKey("anpr.evidence-cache-ttl", "60s",
      "How long a frame with plates stays in memory so a rule can still mark it as evidence; longer than anpr.group-max-span");
  /** Size limit of the evidence cache in bytes. */
  public static final ConfigKey EVIDENCE_CACHE_BYTES = new ConfigKey("anpr.evidence-cache-bytes", "67108864",
      "Most image bytes held in memory for evidence marking; the oldest frames are dropped first (0: no frame can be kept)");
  /** Size limit of the evidence cache in frames. */
  public static final ConfigKey EVIDENCE_CACHE_FRAMES = new ConfigKey("anpr.evidence-cache-frames", "2000",
      "Most frames held in memory for evidence marking; the oldest are dropped first");

  /** Confidence an unformatted read needs to be stored. */
  public static final ConfigKey MIN_CONFIDENCE_UNFORMATTED = new ConfigKey("anpr.min-confidence-unformatted", "0.6",
      "Reads (from frames or an OpenALPR agent) that fit no country's plate format are stored only from this confidence on, 0..1 (0: all); dropped ones are counted in corridor_reads_dropped_total");

  /** Confidence below which no read is stored, whatever format it fits. */
  public static final ConfigKey MIN_CONFIDENCE = new ConfigKey("anpr.min-confidence", "0.35",
      "Reads (from frames or an OpenALPR agent) below this confidence are not stored even when they fit a country's plate format, 0..anpr.min-confidence-unformatted (0: no floor); dropped ones are counted in corridor_reads_dropped_total (reason low_confidence)");

  /** Country hinted to the engine for frames without {@code X-Country-Hint}. */
  public static final ConfigKey DEFAULT_COUNTRY = new ConfigKey("anpr.default-country", "",
      "ISO 3166-1 alpha-2 country hinted to the plate engine for frames that send no X-Country-Hint: the country the cameras stand in (empty: none). Needed where plates follow no known format (US), or their reads stay below anpr.min-confidence-unformatted");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(ENGINE, WORKERS, QUEUE, MAX_FRAME_BYTES, GROUPING, GROUP_WINDOW,
      GROUP_MAX_SPAN, GROUP_MAX_HELD, EVIDENCE_CACHE_TTL, EVIDENCE_CACHE_BYTES, EVIDENCE_CACHE_FRAMES,
      MIN_CONFIDENCE_UNFORMATTED, MIN_CONFIDENCE, DEFAULT_COUNTRY);

  private final String engine;
  private final int workers;
  private final int queueCapacity;
  private final int maxFrameBytes;
  private final Duration groupWindow;
  private final Duration groupMaxSpan;
  private final int groupMaxHeld;
  private final Duration evidenceCacheTtl;
  private final long evidenceCacheBytes;
  private final int evidenceCacheFrames;
  private final double minConfidenceUnformatted;
  private final double minConfidence;
  private final String defaultCountry;

  /** Reads and validates the frame keys. */
  public FrameOptions(Settings settings) {
    engine = settings.require(ENGINE);
    if (!List.of("builtin", "openalpr", "none").contains(engine)) {
      throw new ConfigException(ENGINE, engine, "must be builtin, openalpr or none");
    }
    workers = settings.getPositiveInt(WORKERS);
    queueCapacity = settings.getPositiveInt(QUEUE);
    maxFrameBytes = settings.getPositiveInt(MAX_FRAME_BYTES);
    // "0" alone is accepted for the window because it reads naturally as "off".
    Duration window = "0".equals(settings.get(GROUP_WINDOW)) ? Duration.ZERO : settings.getDuration(GROUP_WINDOW);
    groupWindow = settings.getBoolean(GROUPING) ? window : Duration.ZERO;
    groupMaxSpan = settings.getDuration(GROUP_MAX_SPAN);
    groupMaxHeld = settings.getPositiveInt(GROUP_MAX_HELD);
    evidenceCacheTtl = settings.getDuration(EVIDENCE_CACHE_TTL);
    evidenceCacheBytes = settings.getInt(EVIDENCE_CACHE_BYTES);
    evidenceCacheFrames = settings.getPositiveInt(EVIDENCE_CACHE_FRAMES);
    String minConfidence = settings.require(MIN_CONFIDENCE_UNFORMATTED);
    try {
      minConfidenceUnformatted = Double.parseDouble(minConfidence);
    } catch (NumberFormatException e) {
      throw new ConfigException(MIN_CONFIDENCE_UNFORMATTED, minConfidence, "must be a number from 0 to 1");
    }
    if (!(minConfidenceUnformatted >= 0 && minConfidenceUnformatted <= 1)) {
      throw new ConfigException(MIN_CONFIDENCE_UNFORMATTED, minConfidence, "must be a number from 0 to 1");
    }
    String floor = settings.get(MIN_CONFIDENCE);
    try {
      this.minConfidence = Double.parseDouble(floor);
    } catch (NumberFormatException e) {
      throw new ConfigException(MIN_CONFIDENCE, floor, "must be a number from 0 to anpr.min-confidence-unformatted");
    }
    if (!(this.minConfidence >= 0 && this.minConfidence <= minConfidenceUnformatted)) {
      throw new ConfigException(MIN_CONFIDENCE, floor, "must be a number from 0 to anpr.min-confidence-unformatted ("
          + minConfidenceUnformatted + ")");
    }
    String country = settings.get(DEFAULT_COUNTRY);
    country = country == null ? "" : country.trim().toUpperCase(java.util.Locale.ROOT);
    if (!country.isEmpty() && !country.matches("[A-Z]{2}")) {
      throw new ConfigException(DEFAULT_COUNTRY, country, "must be an ISO 3166-1 alpha-2 code such as US or RS, or empty");
    }
    defaultCountry = country.isEmpty() ? null : country;
    if (grouping() && groupMaxSpan.compareTo(groupWindow) < 0) {
      throw new ConfigException(GROUP_MAX_SPAN, groupMaxSpan.toString(),
          "must be at least " + GROUP_WINDOW.name() + " (" + groupWindow + ")");
    }
    if (evidenceCacheBytes < 0) {
      throw new ConfigException(EVIDENCE_CACHE_BYTES, String.valueOf(evidenceCacheBytes), "must be 0 or more");
    }
    Duration held = grouping() ? groupMaxSpan.plus(groupWindow) : Duration.ZERO;
    if (evidenceCacheTtl.compareTo(held) <= 0 || evidenceCacheTtl.isZero()) {
      throw new ConfigException(EVIDENCE_CACHE_TTL, evidenceCacheTtl.toString(), "must be longer than "
          + GROUP_MAX_SPAN.name() + " + " + GROUP_WINDOW.name() + " (" + held
          + "), or a frame held in a long group has left the cache before its read is stored and a rule can mark it");
    }
  }

  public String engine() { return engine; }

  public int workers() { return workers; }

  public int queueCapacity() { return queueCapacity; }

  public int maxFrameBytes() { return maxFrameBytes; }

  /** Whether frames are grouped per vehicle (a positive window and grouping switched on). */
  public boolean grouping() { return !groupWindow.isZero(); }

  /** Gap that ends a group; zero when grouping is off. */
  public Duration groupWindow() { return groupWindow; }

  public Duration groupMaxSpan() { return groupMaxSpan; }

  public int groupMaxHeld() { return groupMaxHeld; }

  public Duration evidenceCacheTtl() { return evidenceCacheTtl; }

  public long evidenceCacheBytes() { return evidenceCacheBytes; }

  public int evidenceCacheFrames() { return evidenceCacheFrames; }

  /** Confidence from which a read that fits no country's format is stored. */
  public double minConfidenceUnformatted() { return minConfidenceUnformatted; }

  /** Confidence below which no read is stored. */
  public double minConfidence() { return minConfidence; }

  /** Country hinted for frames that name none, or {@code null}. */
  public String defaultCountry() { return defaultCountry; }
}
