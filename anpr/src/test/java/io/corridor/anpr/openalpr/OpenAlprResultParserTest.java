package io.corridor.anpr.openalpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.Point;
import io.corridor.anpr.RecognitionException;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Samples under src/test/resources are in the shape {@code Alpr::toJson} writes (cJSON, unformatted). */
class OpenAlprResultParserTest {

  private final OpenAlprResultParser parser = new OpenAlprResultParser();

  @Test
  void parsesTwoPlates() {
    RecognitionResult result = parser.parse(resource("two-plates.json"));

    assertThat(result.imageWidth()).isEqualTo(1280);
    assertThat(result.imageHeight()).isEqualTo(720);
    assertThat(result.processingTime()).isEqualTo(Duration.ofNanos(87_402_371));
    assertThat(result.plates()).hasSize(2);

    RecognizedPlate serbian = result.plates().get(0);
    assertThat(serbian.region()).isEqualTo("rs");
    assertThat(serbian.regionConfidence()).isZero();
    assertThat(serbian.processingTime()).isEqualTo(Duration.ofNanos(31_277_464));
    assertThat(serbian.corners()).containsExactly(new Point(512, 401), new Point(688, 398), new Point(689, 437), new Point(513, 441));
    assertThat(serbian.country()).as("set by post-processing, not the parser").isNull();
    assertThat(serbian.formatId()).isNull();
  }

  @Test
  void bestReadingIsTheTopLevelPlateNotTheFirstCandidate() {
    // OpenALPR makes the first template-matching candidate the plate; candidates stay in score order.
    RecognizedPlate serbian = parser.parse(resource("two-plates.json")).plates().get(0);

    assertThat(serbian.text()).isEqualTo("BG123AB");
    assertThat(serbian.matchesFormat()).isTrue();
    assertThat(serbian.candidates()).extracting(PlateCandidate::text)
        .containsExactly("BG123AB", "BG123A8", "8G123AB", "BG12JAB");
    assertThat(serbian.confidence()).isCloseTo(0.89708061, within(1e-9));
    assertThat(serbian.candidates().get(1).confidence()).isCloseTo(0.91214432, within(1e-9));
    assertThat(serbian.candidates().get(1).matchesFormat()).isFalse();
  }

  @Test
  void emptyRegionBecomesNull() {
    RecognizedPlate kosovo = parser.parse(resource("two-plates.json")).plates().get(1);
    assertThat(kosovo.text()).isEqualTo("01234AB");
    assertThat(kosovo.region()).isNull();
    assertThat(kosovo.candidates()).hasSize(2);
  }

  @Test
  void parsesAnImageWithoutPlates() {
    RecognitionResult result = parser.parse(resource("no-plates.json"));
    assertThat(result.plates()).isEmpty();
    assertThat(result.imageWidth()).isEqualTo(640);
    assertThat(result.processingTime()).isEqualTo(Duration.ofNanos(19_113_056));
  }

  @Test
  void toleratesTheCommercialShape() {
    // Extra fields (uuid, vehicle, vehicle_region), key order and processing_time as an object.
    RecognitionResult result = parser.parse(resource("cloud-style.json"));
    assertThat(result.processingTime()).isEqualTo(Duration.ofNanos(433_970_000));
    RecognizedPlate plate = result.plates().getFirst();
    assertThat(plate.text()).isEqualTo("SK1234AB");
    assertThat(plate.region()).isEqualTo("eu-mk");
    assertThat(plate.regionConfidence()).isCloseTo(0.52, within(1e-9));
  }

  @Test
  void acceptsBooleanTemplateFlagsAndMissingCandidates() {
    RecognitionResult result = parser.parse("""
        {"img_width":10,"img_height":10,"processing_time_ms":1,"results":[
         {"plate":"AA123BB","confidence":100.0004,"matches_template":true,"processing_time_ms":0.5}]}""");
    RecognizedPlate plate = result.plates().getFirst();
    assertThat(plate.candidates()).containsExactly(new PlateCandidate("AA123BB", 1.0, true));
    assertThat(plate.corners()).isEmpty();
  }

  @Test
  void rejectsMalformedJson() {
    assertThatThrownBy(() -> parser.parse("{\"results\": [")).isInstanceOf(RecognitionException.class)
        .hasMessageStartingWith("OpenALPR returned malformed JSON");
    assertThatThrownBy(() -> parser.parse("[]")).hasMessage("OpenALPR result is not a JSON object");
  }

  @Test
  void rejectsOtherDocumentTypes() {
    assertThatThrownBy(() -> parser.parse("{\"data_type\":\"heartbeat\",\"results\":[]}"))
        .hasMessage("OpenALPR result has data_type 'heartbeat', expected 'alpr_results'");
  }

  @Test
  void namesTheMissingField() {
    assertThatThrownBy(() -> parser.parse("{\"img_width\":1,\"img_height\":1,\"processing_time_ms\":1}"))
        .hasMessage("OpenALPR result field results is missing or not an array");
    String noConfidence = resource("two-plates.json").replace("{\"plate\":\"BG123A8\",\"confidence\":91.214432,", "{\"plate\":\"BG123A8\",");
    assertThatThrownBy(() -> parser.parse(noConfidence))
        .hasMessage("OpenALPR result field results[0].candidates[0].confidence is missing or not a number");
    String noWidth = resource("no-plates.json").replace("\"img_width\":640,", "");
    assertThatThrownBy(() -> parser.parse(noWidth)).hasMessage("OpenALPR result field img_width is missing or not a number");
  }

  @Test
  void rejectsAPlateWithoutFourCorners() {
    String threeCorners = resource("two-plates.json").replace(",{\"x\":513,\"y\":441}", "");
    assertThatThrownBy(() -> parser.parse(threeCorners))
        .hasMessage("OpenALPR result results[0].coordinates has 3 points, expected 4");
  }

  static String resource(String name) {
    try (InputStream in = OpenAlprResultParserTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
