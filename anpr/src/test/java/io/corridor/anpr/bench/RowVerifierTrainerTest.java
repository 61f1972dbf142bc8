package io.corridor.anpr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.Box;
import io.corridor.anpr.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowVerifierTrainerTest {

  private static final BenchLabel LABEL = new BenchLabel("a.jpg", new Box(100, 100, 120, 60), "7ABC123");

  private static List<Point> box(int x, int y, int w, int h) {
    return List.of(new Point(x, y), new Point(x + w, y), new Point(x + w, y + h), new Point(x, y + h));
  }

  @Test
  void theLabelledPlatesFullRowIsAPlate() {
    assertThat(RowVerifierTrainer.isPlate(LABEL, box(102, 104, 116, 54), "7ABC123")).isTrue();
    assertThat(RowVerifierTrainer.isPlate(LABEL, box(102, 104, 116, 54), "7ABC1Z3")).as("a misread is still the plate's row").isTrue();
  }

  @Test
  void rowsElsewhereAndPartialRowsAreNot() {
    assertThat(RowVerifierTrainer.isPlate(LABEL, box(400, 300, 100, 30), "ABC123")).isFalse();
    assertThat(RowVerifierTrainer.isPlate(LABEL, box(102, 104, 116, 54), "BC12")).as("characters missing").isFalse();
  }

  @Test
  void rowsHalfOnThePlateAreLeftOut() {
    assertThat(RowVerifierTrainer.isPlate(LABEL, box(100, 90, 120, 30), "CALIF")).isNull();
  }
}
