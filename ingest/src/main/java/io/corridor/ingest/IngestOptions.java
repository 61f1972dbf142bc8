package io.corridor.ingest;

import io.corridor.platform.devices.Device;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.List;

/** Limits and behaviour of device-facing ingest. */
public final class IngestOptions {

  /** Largest accepted request body; larger ones get 413. */
  public static final ConfigKey MAX_BODY_BYTES = new ConfigKey("ingest.max-body-bytes", "1048576",
      "Largest request body accepted on /v1/reads; larger bodies get 413");
  /** Most reads in one request. */
  public static final ConfigKey MAX_BATCH = new ConfigKey("ingest.max-batch", "2000",
      "Most reads accepted in one request; more get 413");
  /** Allowed device clock skew into the future. */
  public static final ConfigKey CLOCK_SKEW = new ConfigKey("ingest.clock-skew", "2m",
      "How far in the future an event time may be (device clock skew) before it is rejected");
  /** Oldest accepted event time. */
  public static final ConfigKey MAX_AGE = new ConfigKey("ingest.max-age", "7d",
      "Oldest event time accepted (edge buffers replayed after an outage); must be below retention");
  /** Writer queue capacity in reads. */
  public static final ConfigKey QUEUE_CAPACITY = new ConfigKey("ingest.writer.queue-capacity", "50000",
      "Reads waiting for the database before new requests get 503");
  /** Most reads committed in one transaction. */
  public static final ConfigKey COMMIT_BATCH = new ConfigKey("ingest.writer.max-batch", "5000",
      "Most reads grouped into one database transaction (group commit)");
  /** Writer threads. */
  public static final ConfigKey WRITER_THREADS = new ConfigKey("ingest.writer.threads", "2",
      "Threads committing groups of reads, each with its own connection");
  /** Retry-After seconds on 503. */
  public static final ConfigKey RETRY_AFTER = new ConfigKey("ingest.retry-after", "5s",
      "Retry-After sent with 503 answers");
  /** Longest a request waits for its commit. */
  public static final ConfigKey WRITE_TIMEOUT = new ConfigKey("ingest.write-timeout", "10s",
      "Longest a request waits for its commit before it is answered 503 (the edge retries; ids dedupe)");
  /** Device registry reload period. */
  public static final ConfigKey DEVICE_RELOAD = new ConfigKey("ingest.devices.reload-interval", "10s",
      "How often each node reloads the device registry (new and revoked devices)");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(MAX_BODY_BYTES, MAX_BATCH, CLOCK_SKEW, MAX_AGE, QUEUE_CAPACITY,
      COMMIT_BATCH, WRITER_THREADS, RETRY_AFTER, WRITE_TIMEOUT, DEVICE_RELOAD);

  private final int maxBodyBytes;
  private final int maxBatch;
  private final Duration clockSkew;
  private final Duration maxAge;
  private final int queueCapacity;
  private final int commitBatch;
  private final int writerThreads;
  private final Duration retryAfter;
  private final Duration writeTimeout;
  private final Duration deviceReload;

  /** Reads and validates the ingest keys. */
  public IngestOptions(Settings s) {
    maxBodyBytes = s.getPositiveInt(MAX_BODY_BYTES);
    maxBatch = s.getPositiveInt(MAX_BATCH);
    clockSkew = s.getDuration(CLOCK_SKEW);
    maxAge = s.getDuration(MAX_AGE);
    queueCapacity = s.getPositiveInt(QUEUE_CAPACITY);
    commitBatch = s.getPositiveInt(COMMIT_BATCH);
    writerThreads = s.getPositiveInt(WRITER_THREADS);
    retryAfter = s.getDuration(RETRY_AFTER);
    writeTimeout = s.getDuration(WRITE_TIMEOUT);
    deviceReload = s.getDuration(DEVICE_RELOAD);
    if (queueCapacity < maxBatch) {
      throw new ConfigException(QUEUE_CAPACITY, String.valueOf(queueCapacity),
          "must be at least " + MAX_BATCH.name() + " (" + maxBatch + ") or a full batch could never be queued");
    }
    if (retryAfter.toSeconds() < 1) {
      throw new ConfigException(RETRY_AFTER, retryAfter.toString(), "must be at least 1s");
    }
  }

  public int maxBodyBytes() { return maxBodyBytes; }

  public int maxBatch() { return maxBatch; }

  public Duration clockSkew() { return clockSkew; }

  public Duration maxAge() { return maxAge; }

  public int queueCapacity() { return queueCapacity; }

  public int commitBatch() { return commitBatch; }

  public int writerThreads() { return writerThreads; }

  public Duration retryAfter() { return retryAfter; }

  public Duration writeTimeout() { return writeTimeout; }

  public Duration deviceReload() { return deviceReload; }
}
