package io.corridor.tracking.positions;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import io.corridor.platform.tls.ListenerTls;
import java.util.List;
import java.util.Locale;

/**
 * How positions get in: the OsmAnd and MQTT servers, plausibility limits and the positions writer.
 * Clock skew, maximum age, Retry-After, write timeout and body size come from {@code ingest.*}.
 */
public final class TrackingOptions {

  /** Address of the OsmAnd server. */
  public static final ConfigKey OSMAND_HOST = new ConfigKey("tracking.osmand.host", "127.0.0.1",
      "Address the OsmAnd/Traccar protocol server binds (0.0.0.0 to take trackers from the network)");
  /** Port of the OsmAnd server. */
  public static final ConfigKey OSMAND_PORT = new ConfigKey("tracking.osmand.port", "5055",
      "Port of the OsmAnd/Traccar protocol server, path / (Traccar's default 5055; 0: any free port; -1: off)");
  /** Unit of OsmAnd's speed parameter. */
  public static final ConfigKey OSMAND_SPEED_UNIT = new ConfigKey("tracking.osmand.speed-unit", "knots",
      "Unit of the speed parameter of OsmAnd query strings: knots (Traccar's protocol), kmh or mps");
  /** Address of the MQTT server. */
  public static final ConfigKey MQTT_HOST = new ConfigKey("mqtt.host", "127.0.0.1",
      "Address the MQTT server for trackers and drones binds");
  /** Port of the MQTT server. */
  public static final ConfigKey MQTT_PORT = new ConfigKey("mqtt.port", "1883",
      "Port of the MQTT server (username = device id, password = device key; 0: any free port; -1: off)");
  /** Largest MQTT message. */
  public static final ConfigKey MQTT_MAX_MESSAGE_BYTES = new ConfigKey("mqtt.max-message-bytes", "8388608",
      "Largest MQTT message accepted (a drone detection may carry a JPEG frame); larger ones close the connection");
  /** PEM certificate chain of the OsmAnd server. */
  public static final ConfigKey OSMAND_CERT = new ConfigKey("tracking.osmand.tls.cert", "",
      "PEM file with the OsmAnd server's certificate chain (with tracking.osmand.tls.key: HTTPS; empty: plain HTTP)");
  /** PEM private key of the OsmAnd server. */
  public static final ConfigKey OSMAND_KEY = new ConfigKey("tracking.osmand.tls.key", "",
      "PEM file with the OsmAnd server's private key (PKCS#8 or PKCS#1); keep it in a secret store");
  /** Whether the OsmAnd server may serve plain HTTP off loopback. */
  public static final ConfigKey OSMAND_ALLOW_PLAIN = new ConfigKey("tracking.osmand.allow-plain", "false",
      "Serve the OsmAnd protocol in plain HTTP on a non-loopback tracking.osmand.host (only behind a proxy that terminates TLS)");
  /** PEM certificate chain of the MQTT server. */
  public static final ConfigKey MQTT_CERT = new ConfigKey("mqtt.tls.cert", "",
      "PEM file with the MQTT server's certificate chain (with mqtt.tls.key: MQTT over TLS; empty: plain MQTT)");
  /** PEM private key of the MQTT server. */
  public static final ConfigKey MQTT_KEY = new ConfigKey("mqtt.tls.key", "",
      "PEM file with the MQTT server's private key (PKCS#8 or PKCS#1); keep it in a secret store");
  /** Whether the MQTT server may run plain off loopback. */
  public static final ConfigKey MQTT_ALLOW_PLAIN = new ConfigKey("mqtt.allow-plain", "false",
      "Run plain MQTT on a non-loopback mqtt.host (only behind a proxy that terminates TLS; device keys travel in CONNECT)");
  /** Plausible speed limit. */
  public static final ConfigKey MAX_SPEED_KMH = new ConfigKey("tracking.max-speed-kmh", "300",
      "Fastest plausible ground speed: a reported speed above it is refused, a jump faster than it is flagged");
  /** Most positions in one request. */
  public static final ConfigKey MAX_BATCH = new ConfigKey("tracking.max-batch", "1000",
      "Most positions accepted in one /v1/positions request or MQTT message; more get 413");
  /** Writer queue. */
  public static final ConfigKey QUEUE_CAPACITY = new ConfigKey("tracking.writer.queue-capacity", "50000",
      "Positions and drone telemetry waiting for the database before devices get 503 or no PUBACK");
  /** Group commit size. */
  public static final ConfigKey COMMIT_BATCH = new ConfigKey("tracking.writer.max-batch", "5000",
      "Most positions grouped into one database transaction (group commit)");
  /**
   * Writer threads. Two by default. One doubles the commit groups under load (the next group
   * gathers all that arrives while one commits), which halves PostgreSQL's commits, but every
   * position then waits for the commit in progress and its own: in the quietest measured pair it
   * left MQTT QoS 1, whose clients wait for their PUBACKs, bound by that wait at a lower rate for the
   * same CPU per message (docs/benchmarks.md).
   */
  public static final ConfigKey WRITER_THREADS = new ConfigKey("tracking.writer.threads", "2",
      "Threads committing groups of positions, each with its own connection; one makes groups twice as large"
          + " (fewer commits), at the cost of each position waiting longer for its commit");

  /**
   * How long a writer thread may let a group of positions fill while the writer is busy (another
   * group being committed, more positions waiting than the group holds); idle, a position is
   * committed at once. Zero commits every group at once. Fewer, larger commits cost PostgreSQL less
   * per position; every position of a filling group waits up to this long more (docs/benchmarks.md).
   */
  public static final ConfigKey WRITER_FILL = new ConfigKey("tracking.writer.fill", "0ms",
      "While the positions writer is busy, how long a group may wait for more positions before its commit"
          + " (larger, fewer commits); 0ms commits at once");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(OSMAND_HOST, OSMAND_PORT, OSMAND_SPEED_UNIT, MQTT_HOST, MQTT_PORT,
      MQTT_MAX_MESSAGE_BYTES, OSMAND_CERT, OSMAND_KEY, OSMAND_ALLOW_PLAIN, MQTT_CERT, MQTT_KEY, MQTT_ALLOW_PLAIN,
      MAX_SPEED_KMH, MAX_BATCH, QUEUE_CAPACITY, COMMIT_BATCH, WRITER_THREADS, WRITER_FILL);

  /** Units OsmAnd's speed may come in. */
  public enum SpeedUnit {
    KNOTS(1.852), KMH(1.0), MPS(3.6);

    private final double toKmh;

    SpeedUnit(double toKmh) {
      this.toKmh = toKmh;
    }

    /** {@code value} in this unit, in km/h. */
    public double kmh(double value) {
      return value * toKmh;
    }
  }

  private final String osmandHost;
  private final int osmandPort;
  private final SpeedUnit speedUnit;
  private final String mqttHost;
  private final int mqttPort;
  private final int mqttMaxMessageBytes;
  private final ListenerTls osmandTls;
  private final ListenerTls mqttTls;
  private final double maxSpeedKmh;
  private final int maxBatch;
  private final int queueCapacity;
  private final int commitBatch;
  private final int writerThreads;
  private final java.time.Duration writerFill;

  /** Reads and validates the tracking keys. */
  public TrackingOptions(Settings s) {
    osmandHost = s.require(OSMAND_HOST);
    osmandPort = port(s, OSMAND_PORT);
    String unit = s.require(OSMAND_SPEED_UNIT);
    try {
      speedUnit = SpeedUnit.valueOf(unit.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(OSMAND_SPEED_UNIT, unit, "must be knots, kmh or mps");
    }
    mqttHost = s.require(MQTT_HOST);
    mqttPort = port(s, MQTT_PORT);
    mqttMaxMessageBytes = s.getPositiveInt(MQTT_MAX_MESSAGE_BYTES);
    osmandTls = ListenerTls.of(s, OSMAND_CERT, OSMAND_KEY, OSMAND_ALLOW_PLAIN, OSMAND_HOST.name(), osmandHost);
    mqttTls = ListenerTls.of(s, MQTT_CERT, MQTT_KEY, MQTT_ALLOW_PLAIN, MQTT_HOST.name(), mqttHost);
    maxSpeedKmh = s.getPositiveInt(MAX_SPEED_KMH);
    maxBatch = s.getPositiveInt(MAX_BATCH);
    queueCapacity = s.getPositiveInt(QUEUE_CAPACITY);
    commitBatch = s.getPositiveInt(COMMIT_BATCH);
    writerThreads = s.getPositiveInt(WRITER_THREADS);
    writerFill = s.getDuration(WRITER_FILL);
    if (writerFill.compareTo(java.time.Duration.ofSeconds(1)) > 0) {
      throw new ConfigException(WRITER_FILL, s.require(WRITER_FILL), "must be at most 1s: every position of a busy writer waits it");
    }
    if (queueCapacity < maxBatch) {
      throw new ConfigException(QUEUE_CAPACITY, String.valueOf(queueCapacity),
          "must be at least " + MAX_BATCH.name() + " (" + maxBatch + ") or a full batch could never be queued");
    }
  }

  private static int port(Settings s, ConfigKey key) {
    int port = s.getInt(key);
    if (port < -1 || port > 65_535) {
      throw new ConfigException(key, String.valueOf(port), "must be a port 1-65535, 0 (any free port) or -1 (off)");
    }
    return port;
  }

  public String osmandHost() { return osmandHost; }

  /** The OsmAnd port; 0 any free port, -1 off. */
  public int osmandPort() { return osmandPort; }

  public SpeedUnit speedUnit() { return speedUnit; }

  public String mqttHost() { return mqttHost; }

  /** The MQTT port; 0 any free port, -1 off. */
  public int mqttPort() { return mqttPort; }

  public int mqttMaxMessageBytes() { return mqttMaxMessageBytes; }

  /** TLS of the OsmAnd server (off: plain HTTP, on loopback or when allowed). */
  public ListenerTls osmandTls() { return osmandTls; }

  /** TLS of the MQTT server (off: plain MQTT, on loopback or when allowed). */
  public ListenerTls mqttTls() { return mqttTls; }

  public double maxSpeedKmh() { return maxSpeedKmh; }

  public int maxBatch() { return maxBatch; }

  public int queueCapacity() { return queueCapacity; }

  public int commitBatch() { return commitBatch; }

  public int writerThreads() { return writerThreads; }

  /** How long a busy writer lets a group fill; zero: at once. */
  public java.time.Duration writerFill() { return writerFill; }
}
