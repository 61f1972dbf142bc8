package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The binary COPY payload, byte for byte against the format written with a {@link DataOutputStream}. */
class CopyPayloadTest {

  @Test
  void everyFieldKindIsWrittenInPostgresBinaryCopyFormat() throws Exception {
    UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    Instant at = Instant.parse("2026-12-01T14:10:34.346112Z");
    byte[] actual = new CopyPayload(1, 4) // sized too small on purpose: the payload grows
        .row(14).uuid(id.toString()).text("trk-1").text(null).bytea(new byte[] {1, 2, 3}).int2(7).int2(null)
        .timestamp(at).float8(41.32).float8(null).float4(61.5f).bool(true).bool(null).jsonbText("{\"a\":1}")
        .textArray(List.of("x", "yz")).row(2).textArray(List.of()).jsonb(Map.of()).finish();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0});
    out.writeInt(0);
    out.writeInt(0);
    out.writeShort(14);
    out.writeInt(16);
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
    out.writeInt(5);
    out.write("trk-1".getBytes(StandardCharsets.UTF_8));
    out.writeInt(-1);
    out.writeInt(3);
    out.write(new byte[] {1, 2, 3});
    out.writeInt(2);
    out.writeShort(7);
    out.writeInt(-1);
    out.writeInt(8);
    out.writeLong((at.getEpochSecond() - 946_684_800L) * 1_000_000L + 346_112L);
    out.writeInt(8);
    out.writeDouble(41.32);
    out.writeInt(-1);
    out.writeInt(4);
    out.writeFloat(61.5f);
    out.writeInt(1);
    out.writeByte(1);
    out.writeInt(-1);
    out.writeInt(8);
    out.writeByte(1);
    out.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    out.writeInt(20 + 5 + 6);
    out.writeInt(1);
    out.writeInt(0);
    out.writeInt(25);
    out.writeInt(2);
    out.writeInt(1);
    out.writeInt(1);
    out.write('x');
    out.writeInt(2);
    out.write("yz".getBytes(StandardCharsets.UTF_8));
    out.writeShort(2);
    out.writeInt(12);
    out.writeInt(0);
    out.writeInt(0);
    out.writeInt(25);
    out.writeInt(-1);
    out.writeShort(-1);
    assertThat(actual).isEqualTo(bytes.toByteArray());
  }

  @Test
  void aFlatJsonbMapIsWrittenAsJsonTextThatParsesBackToTheSameValues() {
    Map<String, Object> sensors = new java.util.LinkedHashMap<>();
    sensors.put("fuel", 412.5);
    sensors.put("temp1", -3.0E-7);
    sensors.put("big", 1.0E21);
    sensors.put("door", false);
    sensors.put("seal", true);
    sensors.put("count", 7L);
    sensors.put("humidity", 0.1f);
    sensors.put("note", "say \"hi\" \\ tab\tline\ncontrol\u0001 Prishtinë 温度 \uD83D\uDE9A");
    sensors.put("ключ \"k\"", "v");
    sensors.put("gone", null);
    sensors.put("nan", Double.NaN);

    JsonObject parsed = new JsonObject(jsonbText(new CopyPayload(1, 8).row(1).jsonb(sensors).finish()));

    assertThat(parsed.getDouble("fuel")).isEqualTo(412.5);
    assertThat(parsed.getDouble("temp1")).isEqualTo(-3.0E-7);
    assertThat(parsed.getDouble("big")).isEqualTo(1.0E21);
    assertThat(parsed.getBoolean("door")).isFalse();
    assertThat(parsed.getBoolean("seal")).isTrue();
    assertThat(parsed.getLong("count")).isEqualTo(7L);
    assertThat(parsed.getValue("humidity")).hasToString("0.1");
    assertThat(parsed.getString("note")).isEqualTo(sensors.get("note"));
    assertThat(parsed.getString("ключ \"k\"")).isEqualTo("v");
    assertThat(parsed.containsKey("gone")).isTrue();
    assertThat(parsed.getValue("gone")).isNull();
    assertThat(parsed.getString("nan")).isEqualTo("NaN");
    assertThat(parsed.size()).isEqualTo(sensors.size());
  }

  @Test
  void aNestedJsonbMapGoesThroughTheJsonCodec() {
    Map<String, Object> nested = Map.of("alarm", List.of("sos", "power"), "gps", Map.of("hdop", 0.9));

    JsonObject parsed = new JsonObject(jsonbText(new CopyPayload(1, 8).row(1).jsonb(nested).finish()));

    assertThat(parsed.getJsonArray("alarm").getList()).containsExactly("sos", "power");
    assertThat(parsed.getJsonObject("gps").getDouble("hdop")).isEqualTo(0.9);
  }

  /** The JSON text of a payload of one row with one jsonb field, its length and version byte checked. */
  private static String jsonbText(byte[] payload) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(payload);
    b.position(11 + 4 + 4);
    assertThat(b.getShort()).isEqualTo((short) 1);
    int length = b.getInt();
    assertThat(b.get()).isEqualTo((byte) 1); // jsonb's binary format version
    byte[] text = new byte[length - 1];
    b.get(text);
    assertThat(b.getShort()).isEqualTo((short) -1); // the trailer right after: the length was right
    return new String(text, StandardCharsets.UTF_8);
  }
}
