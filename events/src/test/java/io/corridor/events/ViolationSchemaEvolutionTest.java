package io.corridor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
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

class ViolationSchemaEvolutionTest {

  @BeforeAll
  static void trust() {
    AvroTrust.trustEventPackages();
  }

  static Schema v1() throws Exception {
    try (InputStream in = ViolationSchemaEvolutionTest.class.getResourceAsStream("history/Violation.v1.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  @Test
  void currentSchemaReadsVersionOneAndVersionOneReadsCurrent() throws Exception {
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(Violation.getClassSchema(), v1()).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    // An old reader meeting a new kind falls back to the enum default OTHER.
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v1(), Violation.getClassSchema()).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void versionOneDataGetsTheDefaults() throws Exception {
    Schema old = v1();
    GenericRecord r = new GenericData.Record(old);
    r.put("eventId", "3f0c1c1e-0000-3000-8000-000000000001");
    r.put("deviceId", "cam-1");
    r.put("eventTime", 1_700_000_000_000L);
    r.put("receivedTime", null);
    r.put("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "SPEED"));
    r.put("ruleId", "speed");
    r.put("readIds", List.of("a"));
    r.put("measured", 141.0);
    r.put("limit", 120.0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(old).write(r, enc);
    enc.flush();

    Violation v = new SpecificDatumReader<Violation>(old, Violation.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

    assertThat(v.getKind()).isEqualTo(ViolationKind.SPEED);
    assertThat(v.getRuleVersion()).isZero();
    assertThat(v.getSeverity()).isEqualTo("WARNING");
    assertThat(v.getDetails()).isEmpty();
    assertThat(v.getFrameIds()).isEmpty();
    assertThat(v.getRetained()).isNull();
    assertThat(v.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
  }
}
