package io.corridor.load.gatling;

import io.corridor.events.PlateRead;
import io.corridor.testkit.PlateImages;
import io.corridor.testkit.Reads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/** Request bodies: fresh ids per batch (a retry resends the same bytes), plates that look national. */
final class Bodies {

  private static final List<byte[]> FRAMES = List.of(PlateImages.plate("01 123 AB"), PlateImages.plate("BG 456 CD"),
      PlateImages.plate("KS 789 EF"), PlateImages.empty());

  private Bodies() {}

  static String plate() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("%02d%03d%c%c", r.nextInt(1, 40), r.nextInt(1000), (char) ('A' + r.nextInt(26)),
        (char) ('A' + r.nextInt(26)));
  }

  static String jsonBatch(String deviceId, int size) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"eventId\":\"").append(UUID.randomUUID()).append("\",\"deviceId\":\"").append(deviceId)
          .append("\",\"eventTime\":\"").append(now.minusMillis(i * 40L)).append("\",\"plate\":\"").append(plate())
          .append("\",\"country\":\"XK\",\"confidence\":0.9}");
    }
    return b.append(']').toString();
  }

  static byte[] avroBatch(String deviceId, int size) {
    List<PlateRead> reads = new ArrayList<>(size);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < size; i++) {
      reads.add(Reads.read(deviceId, plate(), now.minusMillis(i * 40L)).build());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<PlateRead> writer = new DataFileWriter<>(new SpecificDatumWriter<>(PlateRead.class))) {
      writer.create(PlateRead.getClassSchema(), out);
      for (PlateRead r : reads) {
        writer.append(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An OsmAnd query string (Traccar's protocol): a fix somewhere in Kosovo, the device's key, now. */
  static String osmandQuery(String deviceId, String deviceKey) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "id=" + deviceId + "&key=" + deviceKey + "&timestamp=" + Instant.now().toEpochMilli()
        + String.format(java.util.Locale.ROOT, "&lat=%.5f&lon=%.5f&speed=%.1f&bearing=%.0f&batt=%.0f",
            42.2 + r.nextDouble(0.6), 20.3 + r.nextDouble(0.9), r.nextDouble(45), r.nextDouble(360),
            20 + r.nextDouble(80));
  }

  /** A plate-history query under {@code warrant} for one of its plates, over the last hour. */
  static String plateHistory(LoadSetup.Warrant warrant, List<String> plates) {
    Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(java.time.Duration.ofHours(1));
    if (from.isBefore(warrant.from())) {
      from = warrant.from();
    }
    String plate = plates.get(ThreadLocalRandom.current().nextInt(plates.size()));
    return "{\"warrantId\":\"" + warrant.id() + "\",\"justification\":\"load test\",\"plate\":\"" + plate
        + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"limit\":100}";
  }

  static byte[] frame() {
    return FRAMES.get(ThreadLocalRandom.current().nextInt(FRAMES.size()));
  }
}
