package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.corridor.events.AvroTrust;
import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.events.Position;
import io.corridor.testkit.Reads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AvroBatchDecoderTest {

  static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

  final AvroBatchDecoder decoder = new AvroBatchDecoder();

  @BeforeAll
  static void trust() {
    AvroTrust.trustEventPackages();
  }

  static List<PlateRead> reads(int n) {
    List<PlateRead> reads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      reads.add(Reads.read("cam-prishtina-01", "01" + (100 + i) + "AB", AT.plusMillis(i)).build());
    }
    return reads;
  }

  /** A container of {@code reads} written with the current schema; {@code flushEvery} splits it into blocks. */
  static byte[] container(List<PlateRead> reads, int flushEvery, CodecFactory codec) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<PlateRead> writer = new DataFileWriter<>(new SpecificDatumWriter<>(PlateRead.class))) {
      writer.setCodec(codec);
      writer.create(PlateRead.getClassSchema(), out);
      for (int i = 0; i < reads.size(); i++) {
        writer.append(reads.get(i));
        if ((i + 1) % flushEvery == 0) {
          writer.flush();
        }
      }
    }
    return out.toByteArray();
  }

  static byte[] container(List<PlateRead> reads) throws IOException {
    return container(reads, Integer.MAX_VALUE, CodecFactory.nullCodec());
  }

  static Schema previousSchema() throws IOException {
    try (InputStream in = AvroBatchDecoderTest.class.getResourceAsStream("/io/corridor/events/history/PlateRead.v1.avsc")) {
      assertThat(in).as("PlateRead.v1.avsc on the classpath").isNotNull();
      return new Schema.Parser().parse(in);
    }
  }

  static byte[] genericContainer(Schema schema, List<GenericRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      writer.create(schema, out);
      for (GenericRecord r : records) {
        writer.append(r);
      }
    }
    return out.toByteArray();
  }

  IngestException refused(byte[] body, int maxReads) {
    IngestException e = catchThrowableOfType(IngestException.class, () -> decoder.decode(body, maxReads));
    assertThat(e).as("expected the body to be refused").isNotNull();
    return e;
  }

  void assertMalformed(byte[] body) {
    IngestException e = refused(body, 100);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("malformed_body");
  }

  // --- accepted ------------------------------------------------------------------------------

  @Test
  void containerWrittenWithTheCurrentSchemaRoundTrips() throws IOException {
    List<PlateRead> sent = reads(3);
    sent.get(0).setLocation(new GeoPoint(42.6629, 21.1655));
    sent.get(1).setSpeedKmh(87.5f);
    sent.get(2).setFrameIds(List.of("f-1", "f-2"));
    List<PlateRead> decoded = decoder.decode(container(sent), 10);
    assertThat(decoded).isEqualTo(sent);
  }

  @Test
  void multiBlockAndDeflatedContainersAreRead() throws IOException {
    List<PlateRead> sent = reads(25);
    assertThat(decoder.decode(container(sent, 4, CodecFactory.nullCodec()), 100)).isEqualTo(sent);
    assertThat(decoder.decode(container(sent, 10, CodecFactory.deflateCodec(6)), 100)).isEqualTo(sent);
  }

  @Test
  void containerWrittenWithThePreviousSchemaVersionIsRead() throws IOException {
    Schema v1 = previousSchema();
    assertThat(v1.getField("frameIds")).as("really the old version").isNull();
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      GenericRecord r = new GenericData.Record(v1);
      r.put("eventId", "0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5" + i);
      r.put("deviceId", "cam-prishtina-01");
      r.put("eventTime", AT.toEpochMilli() + i);
      r.put("receivedTime", null);
      r.put("plate", "01234A" + i);
      r.put("country", i == 0 ? "XK" : null);
      r.put("confidence", 0.93f);
      GenericRecord location = new GenericData.Record(v1.getField("location").schema().getTypes().get(1));
      location.put("lat", 42.66);
      location.put("lon", 21.17);
      r.put("location", i == 0 ? location : null);
      r.put("lane", i == 0 ? 2 : null);
      records.add(r);
    }

    List<PlateRead> decoded = decoder.decode(genericContainer(v1, records), 10);

    assertThat(decoded).hasSize(2);
    PlateRead first = decoded.get(0);
    assertThat(first.getEventId()).isEqualTo("0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e50");
    assertThat(first.getEventTime()).isEqualTo(AT);
    assertThat(first.getPlate()).isEqualTo("01234A0");
    assertThat(first.getCountry()).isEqualTo("XK");
    assertThat(first.getLocation()).isEqualTo(new GeoPoint(42.66, 21.17));
    assertThat(first.getLane()).isEqualTo(2);
    assertThat(first.getSpeedKmh()).as("added in v2, defaults to null").isNull();
    assertThat(first.getFrameIds()).as("added in v2, defaults to []").isEmpty();
    assertThat(decoded.get(1).getCountry()).isNull();
    assertThat(decoded.get(1).getLane()).isNull();
    assertThat(decoded.get(1).getEventTime()).isEqualTo(AT.plusMillis(1));
  }

  @Test
  void capturedContainerFromAnEdgeStillOnSchemaV1() throws IOException {
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("/payloads/avro/edge-v1-batch.avro")) {
      body = in.readAllBytes();
    }
    List<PlateRead> decoded = decoder.decode(body, 10);
    assertThat(decoded).extracting(PlateRead::getPlate).containsExactly("01234AB", "BG123ČĆ", "03456KL");
    assertThat(decoded).extracting(PlateRead::getDeviceId).containsOnly("cam-peja-02");
    assertThat(decoded).allSatisfy(r -> assertThat(r.getFrameIds()).isEmpty());
    assertThat(decoded.get(0).getEventTime()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
  }

  @Test
  void exactlyMaxReadsIsAccepted() throws IOException {
    assertThat(decoder.decode(container(reads(5)), 5)).hasSize(5);
  }

  // --- refused -------------------------------------------------------------------------------

  @Test
  void moreThanMaxReadsIsTooLarge() throws IOException {
    IngestException e = refused(container(reads(6)), 5);
    assertThat(e.status()).isEqualTo(413);
    assertThat(e.error()).isEqualTo("too_many_reads");
    assertThat(e.getMessage()).contains("5");
  }

  @Test
  void containerOfAnotherRecordTypeIsMalformed() throws IOException {
    Position p = Position.newBuilder()
        .setEventId("0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5f").setDeviceId("trk-1").setEventTime(AT)
        .setLocation(new GeoPoint(42.0, 21.0)).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<Position> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Position.class))) {
      writer.create(Position.getClassSchema(), out);
      writer.append(p);
    }
    IngestException e = refused(out.toByteArray(), 10);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("malformed_body");
    assertThat(e.getMessage()).contains("Position");
  }

  @Test
  void containerOfAnIncompatiblePlateReadSchemaIsMalformed() throws IOException {
    Schema incompatible = SchemaBuilder.record("PlateRead").namespace("io.corridor.events").fields()
        .requiredString("eventId").requiredInt("plate").endRecord();
    GenericRecord r = new GenericData.Record(incompatible);
    r.put("eventId", "0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5f");
    r.put("plate", 1234);
    assertMalformed(genericContainer(incompatible, List.of(r)));
  }

  @Test
  void randomBytesAreMalformed() {
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      byte[] body = new byte[1 + random.nextInt(2_000)];
      random.nextBytes(body);
      assertMalformed(body);
    }
  }

  @Test
  void jsonSentAsAvroIsMalformed() {
    assertMalformed("{\"eventId\":\"x\"}".getBytes());
  }

  @Test
  void emptyBodyIsMalformed() {
    assertMalformed(new byte[0]);
  }

  @Test
  void emptyContainerIsMalformed() throws IOException {
    IngestException e = refused(container(List.of()), 10);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("no reads");
  }

  @Test
  void containerTruncatedInItsHeaderOrOnlyBlockIsMalformed() throws IOException {
    byte[] full = container(reads(5));
    for (int cut = 1; cut < full.length; cut += 7) {
      assertMalformed(Arrays.copyOf(full, cut));
    }
    assertMalformed(Arrays.copyOf(full, full.length - 1));
  }

  @Test
  void containerTruncatedInALaterBlockIsMalformed() throws IOException {
    byte[] full = container(reads(10), 5, CodecFactory.nullCodec());
    assertThat(decoder.decode(full, 100)).hasSize(10);
    assertMalformed(Arrays.copyOf(full, full.length - 1));
    assertMalformed(Arrays.copyOf(full, full.length - 40));
  }

  @Test
  void hugeDeclaredBlockSizeIsRefusedCheaply() throws IOException {
    byte[] header = container(List.of());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(header);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
    encoder.writeLong(1); // one object
    encoder.writeLong(Integer.MAX_VALUE - 8); // block size in bytes
    encoder.flush();
    byte[] evil = body.toByteArray();
    assertThat(evil.length).isLessThan(4_096);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertMalformed(evil);
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(64L << 20);
  }
}
