package io.corridor.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class IterationTest {

  private static Iteration of(double http, double mqtt, double copy) {
    return new Iteration(http, mqtt, copy, 40, 35, 11, 0, 0, 0);
  }

  @Test
  void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
    List<Iteration> runs = List.of(of(50_000, 60_000, 100_000), of(30_000, 70_000, 100_000), of(40_000, 65_000, 80_000));
    assertEquals(40_000, Iteration.median(runs, Iteration::httpRate));
    assertEquals(65_000, Iteration.median(runs, Iteration::mqttRate));
    assertEquals(100_000, Iteration.median(runs, Iteration::copyRate));
    // ratios 0.5, 0.3, 0.5: the median ratio is not the ratio of the medians (40 000 / 100 000)
    assertEquals(0.5, Iteration.median(runs, Iteration::osmandRatio), 1e-12);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    List<Iteration> runs = List.of(of(10, 0, 100), of(40, 0, 100), of(20, 0, 100), of(30, 0, 100));
    assertEquals(25, Iteration.median(runs, Iteration::httpRate), 1e-12);
  }

  @Test
  void theMedianIterationIsTheOneWithTheMedianOsmAndRatio() {
    Iteration low = of(30_000, 70_000, 100_000);
    Iteration middle = of(36_000, 50_000, 80_000); // 0.45
    Iteration high = of(50_000, 60_000, 100_000);
    assertSame(middle, Iteration.medianByOsmAnd(List.of(high, low, middle)));
    assertSame(low, Iteration.medianByOsmAnd(List.of(high, low)));
  }

  @Test
  void listKeepsTheOrderRun() {
    assertEquals("0.50, 0.30", Iteration.list(List.of(of(50, 0, 100), of(30, 0, 100)), Iteration::osmandRatio, "%.2f"));
  }

  @Test
  void noIterationsIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Iteration.median(List.of(), Iteration::httpRate));
  }
}
