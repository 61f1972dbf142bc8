package io.corridor.load;

import io.corridor.events.PlateRead;
import io.corridor.ingest.PlateReadCopyEncoder;
import io.corridor.ingest.PlateText;
import io.corridor.storage.PlateProtector;
import io.corridor.testkit.Reads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The reads of one run, encoded before any clock starts: each batch as the Avro container a camera
 * would post and as the binary COPY payload of the very same rows. Encoding cost is thereby kept out
 * of both measurements; what remains is server work on one side and database work on the other.
 *
 * @param batches the batches in send order
 * @param reads reads over all batches
 */
public record Workload(List<Batch> batches, int reads) {

  /** Distinct vehicles: plates repeat as they do on a road, which matters for the plate_hash index. */
  private static final int VEHICLES = 50_000;
  private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVZ";

  /**
   * One request's worth of reads in both encodings.
   *
   * @param avro Avro object container of {@link PlateRead}, the HTTP body
   * @param copy binary COPY payload (header, rows, trailer) of the same reads
   * @param rows reads in the batch
   */
  public record Batch(byte[] avro, byte[] copy, int rows) {}

  /**
   * Builds {@code reads} reads from {@code deviceId} in batches of {@code batchSize}, event times
   * spread over the minute before now.
   *
   * @param protector hashes and encrypts plates for the COPY rows, as the node's writer would
   * @param seed makes plates, lanes and times repeatable between runs (ids are always fresh UUIDs)
   */
  public static Workload generate(String deviceId, int reads, int batchSize, PlateProtector protector, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Instant now = Instant.now();
    List<Batch> batches = new ArrayList<>((reads + batchSize - 1) / batchSize);
    for (int start = 0; start < reads; start += batchSize) {
      int n = Math.min(batchSize, reads - start);
      List<PlateRead> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Instant at = now.minusMillis(random.nextLong(60_000));
        batch.add(Reads.read(deviceId, plate(random.nextInt(VEHICLES)), at)
            .setLane(1 + random.nextInt(3))
            .setConfidence(0.80f + random.nextInt(20) / 100f)
            .build());
      }
      byte[] avro = avroContainer(batch);
      // The COPY side gets the rows as the node stores them: normalised plate, received time stamped.
      List<PlateRead> stored = batch.stream().map(r -> PlateRead.newBuilder(r)
          .setPlate(PlateText.normalize(r.getPlate())).setReceivedTime(now).build()).toList();
      byte[] copy = PlateReadCopyEncoder.encode(stored, protector);
      batches.add(new Batch(avro, copy, n));
    }
    return new Workload(List.copyOf(batches), reads);
  }

  /** A Kosovo-style plate such as {@code 01-234-AB}, one per vehicle number. */
  static String plate(int vehicle) {
    int region = 1 + vehicle % 7;
    int digits = (vehicle / 7) % 1000;
    int pair = vehicle / 7000;
    char first = LETTERS.charAt(pair / LETTERS.length() % LETTERS.length());
    char second = LETTERS.charAt(pair % LETTERS.length());
    return String.format("%02d-%03d-%c%c", region, digits, first, second);
  }

  /** Total bytes of the HTTP bodies. */
  public long avroBytes() {
    return batches.stream().mapToLong(b -> b.avro().length).sum();
  }

  /** Total bytes of the COPY payloads. */
  public long copyBytes() {
    return batches.stream().mapToLong(b -> b.copy().length).sum();
  }

  private static byte[] avroContainer(List<PlateRead> reads) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(reads.size() * 96 + 1024);
    try (DataFileWriter<PlateRead> writer = new DataFileWriter<>(new SpecificDatumWriter<>(PlateRead.class))) {
      writer.create(PlateRead.getClassSchema(), out);
      for (PlateRead read : reads) {
        writer.append(read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an Avro batch", e);
    }
    return out.toByteArray();
  }
}
