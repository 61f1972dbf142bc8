package io.corridor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

  @BeforeAll
  static void trust() {
    AvroTrust.trustEventPackages();
  }

  static Schema previousPlateRead() throws Exception {
    try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("history/PlateRead.v1.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  @Test
  void currentReaderReadsBytesWrittenWithVersionOne() throws Exception {
    Schema v1 = previousPlateRead();
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5f");
    old.put("deviceId", "cam-prishtina-01");
    old.put("eventTime", 1_700_000_000_000L);
    old.put("receivedTime", null);
    old.put("plate", "01234AB");
    old.put("country", "XK");
    old.put("confidence", 0.93f);
    old.put("location", null);
    old.put("lane", 2);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();

    SpecificDatumReader<PlateRead> reader = new SpecificDatumReader<>(v1, PlateRead.getClassSchema());
    PlateRead read = reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

    assertThat(read.getEventId()).isEqualTo("0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5f");
    assertThat(read.getPlate()).isEqualTo("01234AB");
    assertThat(read.getLane()).isEqualTo(2);
    assertThat(read.getEventTime().toEpochMilli()).isEqualTo(1_700_000_000_000L);
    assertThat(read.getSpeedKmh()).isNull();
    assertThat(read.getFrameIds()).isEmpty();
  }

  @Test
  void currentSchemaIsDeclaredCompatibleWithEveryPreviousVersion() throws Exception {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(PlateRead.getClassSchema(), previousPlateRead());
    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void previousReaderCanStillReadCurrentData() throws Exception {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(previousPlateRead(), PlateRead.getClassSchema());
    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  static Schema previousPosition() throws Exception {
    try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("history/Position.v1.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  @Test
  void currentPositionReaderReadsBytesWrittenWithVersionOne() throws Exception {
    Schema v1 = previousPosition();
    GenericRecord location = new GenericData.Record(v1.getField("location").schema());
    location.put("lat", 41.3275);
    location.put("lon", 19.4561);
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "5d2c1f0e-1a2b-4c3d-9e8f-0a1b2c3d4e5f");
    old.put("deviceId", "trk-durres-01");
    old.put("eventTime", 1_700_000_000_000L);
    old.put("receivedTime", null);
    old.put("shipmentId", null);
    old.put("location", location);
    old.put("speedKmh", 62.5f);
    old.put("headingDeg", null);
    old.put("temperatureC", 4.5f);
    old.put("sealClosed", true);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();

    SpecificDatumReader<Position> reader = new SpecificDatumReader<>(v1, Position.getClassSchema());
    Position position = reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

    assertThat(position.getDeviceId()).isEqualTo("trk-durres-01");
    assertThat(position.getLocation().getLat()).isEqualTo(41.3275);
    assertThat(position.getSpeedKmh()).isEqualTo(62.5f);
    assertThat(position.getSealClosed()).isTrue();
    assertThat(position.getSensors()).isEmpty();
    assertThat(position.getAlarms()).isEmpty();
    assertThat(position.getFlags()).isEmpty();
    assertThat(position.getAuthenticated()).isTrue();
    assertThat(position.getProtocol()).isNull();
  }

  @Test
  void positionSchemaIsCompatibleBothWaysWithVersionOne() throws Exception {
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(Position.getClassSchema(), previousPosition())
        .getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(previousPosition(), Position.getClassSchema())
        .getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void droneTelemetrySchemaIsCompatibleBothWaysWithVersionOne() throws Exception {
    Schema v1;
    try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("history/DroneTelemetry.v1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(DroneTelemetry.getClassSchema(), v1).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v1, DroneTelemetry.getClassSchema()).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void everyEventCarriesIdDeviceEventTimeAndReceivedTime() {
    for (Schema schema : new Schema[] {PlateRead.getClassSchema(), Frame.getClassSchema(), Position.getClassSchema(),
        DroneTelemetry.getClassSchema(), Violation.getClassSchema(), Alert.getClassSchema()}) {
      assertThat(schema.getFields()).extracting(Schema.Field::name)
          .as(schema.getName())
          .contains("eventId", "deviceId", "eventTime", "receivedTime");
    }
  }
}
