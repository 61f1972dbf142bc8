package io.corridor.ingest;

import io.corridor.platform.devices.DeviceRegistry;

import io.corridor.platform.devices.Device;

import io.corridor.events.PlateRead;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a device's request for {@code POST /v1/reads}: authenticates the device, decodes the body
 * (JSON or an Avro container), validates every read and hands the batch to the group-commit writer.
 * The returned future completes with the accepted ids only after they are committed.
 */
public final class IngestService {

  /** Media types accepted for Avro containers. */
  public static final List<String> AVRO_TYPES = List.of("avro/binary", "application/avro");

  private final DeviceRegistry devices;
  private final ReadValidator validator;
  private final GroupCommitWriter<PlateRead> writer;
  private final IngestOptions options;
  private final PlateReadJsonDecoder jsonDecoder = new PlateReadJsonDecoder();
  private final AvroBatchDecoder avroDecoder = new AvroBatchDecoder();

  /** Wires the service; nothing here blocks. */
  public IngestService(DeviceRegistry devices, ReadValidator validator, GroupCommitWriter<PlateRead> writer,
      IngestOptions options) {
    this.devices = devices;
    this.validator = validator;
    this.writer = writer;
    this.options = options;
  }

  /**
   * Handles one request. Failures come back as a failed future holding an {@link IngestException}
   * (4xx, or {@link UnavailableException} for 503).
   */
  public CompletableFuture<List<String>> ingestReads(String deviceId, String deviceKey, String contentType, byte[] body) {
    List<PlateRead> reads;
    try {
      Device sender = DeviceAuthentication.require(devices, deviceId, deviceKey);
      reads = decode(contentType, body);
      if (reads.isEmpty()) {
        throw IngestException.invalid("reads", "no reads in the request");
      }
      if (reads.size() > options.maxBatch()) {
        throw new IngestException(413, "too_many_reads", null,
            reads.size() + " reads in one request; the limit is " + options.maxBatch());
      }
      validator.validate(reads, sender);
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<String> ids = reads.stream().map(PlateRead::getEventId).toList();
    return Commits.answerAfter(writer.submit(reads), ids, options);
  }

  private List<PlateRead> decode(String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (type.equals("application/json")) {
      return jsonDecoder.decode(body);
    }
    if (AVRO_TYPES.contains(type)) {
      return avroDecoder.decode(body, options.maxBatch());
    }
    throw new IngestException(415, "unsupported_media_type", null,
        "Content-Type must be application/json or avro/binary (an Avro container of PlateRead); got '" + contentType + "'");
  }
}
