package io.corridor.anpr.bench;

import io.corridor.anpr.Box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.Point;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchLabelTest {

  @Test
  void parsesATabSeparatedLabel() {
    BenchLabel label = BenchLabel.parse("eu1.jpg\t396\t340\t203\t46\tM5XSX\n");
    assertThat(label.file()).isEqualTo("eu1.jpg");
    assertThat(label.box()).isEqualTo(new Box(396, 340, 203, 46));
    assertThat(label.plate()).isEqualTo("M5XSX");
  }

  @Test
  void aCropsSetIsLabelledByItsCsvAndEachImageIsThePlate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve("labels.csv"), "wa2.png,wa,abc-123\nak1.png,ak,FUW999\n");
    List<BenchLabel> labels = AnprBench.readLabels(dir, 10);
    assertThat(labels).extracting(BenchLabel::file).containsExactly("ak1.png", "wa2.png");
    assertThat(labels.get(1).plate()).isEqualTo("ABC123");
    assertThat(labels.get(1).box()).isNull();
    assertThat(labels.get(1).boxIn(320, 156)).isEqualTo(new Box(0, 0, 320, 156));
    assertThatThrownBy(() -> BenchLabel.parseCsv("x.png,wa")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plateTextLosesSeparatorsAndCase() {
    assertThat(BenchLabel.parse("a.jpg 1 2 3 4 bg 123-ab").plate()).isEqualTo("BG123AB");
  }

  @Test
  void rejectsShortOrNonNumericLines() {
    assertThatThrownBy(() -> BenchLabel.parse("a.jpg 1 2 3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchLabel.parse("a.jpg 1 2 x 4 AB")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void iouOfIdenticalDisjointAndOverlappingBoxes() {
    Box a = new Box(0, 0, 10, 10);
    assertThat(a.iou(a)).isEqualTo(1.0);
    assertThat(a.iou(new Box(20, 20, 5, 5))).isZero();
    assertThat(a.iou(new Box(10, 0, 10, 10))).isZero(); // touching edges
    // 5x10 overlap, union 150
    assertThat(a.iou(new Box(5, 0, 10, 10))).isCloseTo(50.0 / 150, within(1e-9));
    assertThat(a.iou(new Box(0, 0, 0, 0))).isZero();
  }

  @Test
  void scoresTheBestPlateAgainstTheLabel() {
    BenchLabel label = BenchLabel.parse("a.jpg\t10\t10\t100\t20\tRKO26AJ");
    RecognizedPlate plate = new RecognizedPlate(
        List.of(new PlateCandidate("RK026AJ", 0.9, true), new PlateCandidate("RKO26AJ", 0.5, true)),
        List.of(new Point(10, 10), new Point(110, 10), new Point(110, 30), new Point(10, 30)),
        null, null, null, 0, Duration.ZERO);
    AnprBench.Outcome o = AnprBench.score(label, new RecognitionResult(List.of(plate), 200, 100, Duration.ZERO), 12.0);
    assertThat(o.found()).isTrue();
    assertThat(o.iou()).isEqualTo(1.0);
    assertThat(o.exact()).isFalse();
    assertThat(o.exactO0()).isTrue();
    assertThat(o.top5()).isTrue();
    assertThat(AnprBench.score(label, null, 1.0).found()).isFalse();
  }

  @Test
  void countsPlatesThatAreNotTheLabelledOneAsFalseReadsAndThoseCorridorWouldStore() {
    BenchLabel label = BenchLabel.parse("a.jpg\t10\t10\t100\t20\tBA123AB");
    RecognitionResult result = new RecognitionResult(List.of(
        plate("BA123AB", 0.9), // the labelled plate
        plate("III1III", 0.4), // a grille: generic shape only, low confidence, not stored
        plate("STOP", 0.8),    // a sign read confidently: stored
        plate("01234KR", 0.4), // fits a country format: stored above the floor
        plate("9A34911", 0.25) // fits the Czech format, but below the floor: not stored
    ), 200, 100, Duration.ZERO);

    AnprBench.Outcome o = AnprBench.score(label, result, 5.0, 0.6);

    assertThat(o.exact()).isTrue();
    assertThat(o.falseReads()).isEqualTo(4);
    assertThat(o.falseReadsStored()).isEqualTo(2);
    assertThat(o.strayReads()).as("no corners: not on the labelled plate").isEqualTo(4);
    assertThat(o.strayReadsStored()).isEqualTo(2);
    assertThat(AnprBench.summary("t", List.of(o, AnprBench.score(label, null, 1.0))))
        .contains("false reads     2.000 per image (4), as Corridor stores them 1.000 per image (2)");
  }

  private static RecognizedPlate plate(String text, double confidence) {
    return new RecognizedPlate(List.of(new PlateCandidate(text, confidence, true)), List.of(), null, "EU", null, 0,
        Duration.ZERO);
  }

  @Test
  void percentileIsNearestRank() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(AnprBench.percentile(v, 0.5)).isEqualTo(5);
    assertThat(AnprBench.percentile(v, 0.95)).isEqualTo(10);
    assertThat(AnprBench.percentile(new double[0], 0.5)).isZero();
  }
}
