package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.corridor.events.PlateRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlateReadJsonDecoderTest {

  static final String ID = "3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f";

  final PlateReadJsonDecoder decoder = new PlateReadJsonDecoder();

  static byte[] payload(String name) {
    try (InputStream in = PlateReadJsonDecoderTest.class.getResourceAsStream("/payloads/json/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no payload " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** A minimal valid read, with {@code extra} spliced in before the closing brace. */
  static String read(String extra) {
    return "{\"eventId\":\"" + ID + "\",\"deviceId\":\"cam-1\",\"eventTime\":\"2026-11-23T10:15:30Z\","
        + "\"plate\":\"01234AB\",\"confidence\":0.9" + extra + "}";
  }

  IngestException refused(byte[] body) {
    IngestException e = catchThrowableOfType(IngestException.class, () -> decoder.decode(body));
    assertThat(e).as("expected the body to be refused").isNotNull();
    assertThat(e.status()).isEqualTo(400);
    return e;
  }

  void assertInvalidField(String json, String field) {
    IngestException e = refused(utf8(json));
    assertThat(e.error()).isEqualTo("validation_failed");
    assertThat(e.field()).isEqualTo(field);
  }

  // --- captured payloads ---------------------------------------------------------------------

  @Test
  void edgeSingleRead() {
    List<PlateRead> reads = decoder.decode(payload("edge-single-read.json"));
    assertThat(reads).hasSize(1);
    PlateRead r = reads.get(0);
    assertThat(r.getEventId()).isEqualTo(ID);
    assertThat(r.getDeviceId()).isEqualTo("cam-prishtina-01");
    assertThat(r.getEventTime()).isEqualTo(Instant.parse("2026-11-23T10:15:30.250Z"));
    assertThat(r.getPlate()).as("the decoder keeps the plate as sent; the validator normalises").isEqualTo("01-234-AB");
    assertThat(r.getCountry()).isEqualTo("XK");
    assertThat(r.getConfidence()).isEqualTo(0.934f);
    assertThat(r.getLane()).isEqualTo(2);
    assertThat(r.getLocation()).isNull();
    assertThat(r.getSpeedKmh()).isNull();
    assertThat(r.getFrameIds()).containsExactly("cam-prishtina-01:20261123T101530.250:0");
    assertThat(r.getReceivedTime()).isNull();
  }

  @Test
  void edgeBatchWithEpochMillis() {
    List<PlateRead> reads = decoder.decode(payload("edge-batch-epoch-millis.json"));
    assertThat(reads).extracting(PlateRead::getEventId).containsExactly(
        "a1d6c2f0-1b2c-4d3e-8f40-5a6b7c8d9e01", "a1d6c2f0-1b2c-4d3e-8f40-5a6b7c8d9e02",
        "a1d6c2f0-1b2c-4d3e-8f40-5a6b7c8d9e03");
    assertThat(reads).extracting(PlateRead::getEventTime).containsExactly(
        Instant.parse("2026-11-23T10:15:30Z"), Instant.parse("2026-11-23T10:15:31.250Z"),
        Instant.parse("2026-11-23T10:15:32.999Z"));
    assertThat(reads.get(0).getSpeedKmh()).isEqualTo(62.5f);
    assertThat(reads.get(0).getFrameIds()).containsExactly("f-000101", "f-000102");
    assertThat(reads.get(1).getPlate()).isEqualTo("BG 123-ČĆ");
    assertThat(reads.get(1).getSpeedKmh()).as("explicit null").isNull();
    assertThat(reads.get(1).getLane()).isZero();
    assertThat(reads.get(2).getCountry()).isNull();
    assertThat(reads.get(2).getLane()).isNull();
    assertThat(reads.get(2).getFrameIds()).isEmpty();
  }

  @Test
  void edgeBatchWrappedInReadsWithUnknownFieldsIgnored() {
    List<PlateRead> reads = decoder.decode(payload("edge-batch-wrapped.json"));
    assertThat(reads).hasSize(2);
    assertThat(reads).extracting(PlateRead::getPlate).containsExactly("02-777-MM", "KV-0001");
    assertThat(reads.get(0).getFrameIds()).containsExactly("mit03-8812");
    assertThat(reads.get(1).getConfidence()).isEqualTo(0.62f);
  }

  @Test
  void droneReadWithLocation() {
    PlateRead r = decoder.decode(payload("drone-read-with-location.json")).get(0);
    assertThat(r.getLocation()).isNotNull();
    assertThat(r.getLocation().getLat()).isEqualTo(42.6629);
    assertThat(r.getLocation().getLon()).isEqualTo(21.1655);
    assertThat(r.getSpeedKmh()).isEqualTo(48.0f);
  }

  @Test
  void missingPlateInBatchNamesItsPath() {
    IngestException e = refused(payload("bad-missing-plate-in-batch.json"));
    assertThat(e.field()).isEqualTo("reads[1].plate");
    assertThat(e.getMessage()).contains("required");
  }

  @Test
  void confidenceSentAsStringNamesTheField() {
    IngestException e = refused(payload("bad-confidence-as-string.json"));
    assertThat(e.field()).isEqualTo("confidence");
    assertThat(e.getMessage()).contains("number");
  }

  @Test
  void fractionalLaneNamesTheField() {
    assertThat(refused(payload("bad-lane-fraction-in-batch.json")).field()).isEqualTo("reads[0].lane");
  }

  @Test
  void truncatedBodyIsMalformed() {
    IngestException e = refused(payload("bad-truncated.json"));
    assertThat(e.error()).isEqualTo("malformed_body");
    assertThat(e.field()).isNull();
  }

  @Test
  void concatenatedReadsAreRefusedNotHalfAccepted() {
    IngestException e = refused(payload("bad-ndjson-two-reads.json"));
    assertThat(e.error()).isEqualTo("malformed_body");
  }

  @Test
  void trailingGarbageIsMalformed() {
    refused(utf8(read("") + " ]garbage"));
  }

  // --- shapes --------------------------------------------------------------------------------

  @Test
  void singleObjectArrayAndWrapperDecodeTheSameRead() {
    PlateRead single = decoder.decode(utf8(read(""))).get(0);
    PlateRead inArray = decoder.decode(utf8("[" + read("") + "]")).get(0);
    PlateRead wrapped = decoder.decode(utf8("{\"reads\":[" + read("") + "]}")).get(0);
    assertThat(inArray).isEqualTo(single);
    assertThat(wrapped).isEqualTo(single);
  }

  @Test
  void emptyArrayDecodesToNoReads() {
    // The service refuses an empty batch; the decoder only reports what is there.
    assertThat(decoder.decode(utf8("[]"))).isEmpty();
    assertThat(decoder.decode(utf8("{\"reads\":[]}"))).isEmpty();
  }

  @Test
  void readsThatIsNotAnArrayIsRefused() {
    assertInvalidField("{\"reads\":{}}", "reads");
    assertInvalidField("{\"reads\":\"x\"}", "reads");
  }

  @Test
  void arrayElementThatIsNotAnObjectNamesItsIndex() {
    assertInvalidField("[" + read("") + ", 42]", "reads[1]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "\"read\"", "true", "null"})
  void topLevelScalarsAreMalformed(String json) {
    IngestException e = refused(utf8(json));
    assertThat(e.error()).isEqualTo("malformed_body");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t "})
  void emptyBodyIsMalformed(String body) {
    IngestException e = refused(utf8(body));
    assertThat(e.error()).isEqualTo("malformed_body");
    assertThat(e.getMessage()).contains("empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "[{]", "{\"eventId\":}", "{'eventId':'x'}", "{\"a\":1,}"})
  void malformedJsonIsMalformed(String json) {
    IngestException e = refused(utf8(json));
    assertThat(e.error()).isEqualTo("malformed_body");
    assertThat(e.getMessage()).contains("not valid JSON");
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] body = utf8(read("").replace("cam-1", "cam-\u0001"));
    for (int i = 0; i < body.length; i++) {
      if (body[i] == 1) {
        body[i] = (byte) 0xC3; // a UTF-8 lead byte followed by '"' instead of a continuation byte
      }
    }
    assertThat(refused(body).error()).isEqualTo("malformed_body");
  }

  @Test
  void deeplyNestedJsonIsMalformedNotAStackOverflow() {
    IngestException e = refused(utf8("[".repeat(100_000)));
    assertThat(e.error()).isEqualTo("malformed_body");
  }

  @Test
  void deeplyNestedUnknownFieldIsRefused() {
    String nested = "{\"x\":".repeat(40) + "1" + "}".repeat(40);
    assertThat(refused(utf8(read(",\"vendor\":" + nested))).error()).isEqualTo("malformed_body");
  }

  @Test
  void modestlyNestedUnknownFieldsAreIgnored() {
    String nested = "{\"x\":".repeat(5) + "[1,2]" + "}".repeat(5);
    assertThat(decoder.decode(utf8("{\"reads\":[" + read(",\"vendor\":" + nested) + "]}"))).hasSize(1);
  }

  // --- fields --------------------------------------------------------------------------------

  @Test
  void isoTimesWithOffsetAreConvertedToInstants() {
    PlateRead r = decoder.decode(utf8(read("").replace("2026-11-23T10:15:30Z", "2026-11-23T11:15:30+01:00"))).get(0);
    assertThat(r.getEventTime()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
  }

  @Test
  void epochMillisTimes() {
    PlateRead r = decoder.decode(utf8(read("").replace("\"2026-11-23T10:15:30Z\"", "1795428930123"))).get(0);
    assertThat(r.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_795_428_930_123L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"2026-11-23T10:15:30\"", "\"23.11.2026 10:15\"", "\"\"", "1.7954289E12", "true", "{}",
      "[1795428930000]"})
  void badEventTimesNameTheField(String value) {
    assertInvalidField("[" + read("") + "," + read("").replace("\"2026-11-23T10:15:30Z\"", value) + "]",
        "reads[1].eventTime");
  }

  @ParameterizedTest
  @ValueSource(strings = {"eventId", "deviceId", "eventTime", "plate", "confidence"})
  void missingRequiredFieldIsNamed(String field) {
    String json = read("").replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9.]+),?", "").replace(",}", "}");
    assertThat(json).doesNotContain("\"" + field + "\"");
    assertInvalidField(json, field);
    assertInvalidField("[" + read("") + "," + json + "]", "reads[1]." + field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"eventId", "deviceId", "plate"})
  void nullRequiredTextIsNamed(String field) {
    String json = read("").replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":null");
    assertInvalidField(json, field);
  }

  @Test
  void wronglyTypedFieldsAreNamed() {
    assertInvalidField(read("").replace("\"cam-1\"", "17"), "deviceId");
    assertInvalidField(read("").replace("\"01234AB\"", "[\"01234AB\"]"), "plate");
    assertInvalidField(read("").replace("\"" + ID + "\"", "{}"), "eventId");
    assertInvalidField(read(",\"country\":381"), "country");
    assertInvalidField(read(",\"lane\":\"2\""), "lane");
    assertInvalidField(read(",\"lane\":1.5"), "lane");
    assertInvalidField(read(",\"lane\":99999999999"), "lane");
    assertInvalidField(read(",\"speedKmh\":\"fast\""), "speedKmh");
    assertInvalidField(read(",\"frameIds\":\"f-1\""), "frameIds");
    assertInvalidField(read(",\"frameIds\":[\"f-1\",7]"), "frameIds[1]");
    assertInvalidField(read(",\"location\":\"42.6,21.1\""), "location");
    assertInvalidField(read(",\"location\":{\"lat\":42.6}"), "location.lon");
    assertInvalidField(read(",\"location\":{\"lat\":\"42.6\",\"lon\":21.1}"), "location.lat");
    assertInvalidField("[" + read("") + "," + read(",\"location\":{\"lon\":21.1}") + "]", "reads[1].location.lat");
  }

  @Test
  void optionalFieldsMayBeNull() {
    PlateRead r = decoder.decode(utf8(read(",\"country\":null,\"lane\":null,\"speedKmh\":null,\"location\":null,"
        + "\"frameIds\":null"))).get(0);
    assertThat(r.getCountry()).isNull();
    assertThat(r.getLane()).isNull();
    assertThat(r.getSpeedKmh()).isNull();
    assertThat(r.getLocation()).isNull();
    assertThat(r.getFrameIds()).isEmpty();
  }

  @Test
  void valuesAreNotValidatedHere() {
    // Range checks belong to ReadValidator; the decoder must pass these through for it to name them.
    PlateRead r = decoder.decode(utf8(read(",\"lane\":-3,\"speedKmh\":-1").replace("0.9", "7.5"))).get(0);
    assertThat(r.getConfidence()).isEqualTo(7.5f);
    assertThat(r.getLane()).isEqualTo(-3);
    assertThat(r.getSpeedKmh()).isEqualTo(-1f);
  }
}
