package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.PlateCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerUpChargeTest {

  private static PlateCandidate c(String text, double confidence) {
    return new PlateCandidate(text, confidence, false);
  }

  @Test
  void aNearTieTakesTheMostOffTheFirstOnly() {
    List<PlateCandidate> out = RunnerUpCharge.of(List.of(c("HB6LDZ", 0.70), c("HB6L0Z", 0.70), c("HB6L", 0.10)));
    assertThat(out.get(0).confidence()).isCloseTo(0.70 * (1 - RunnerUpCharge.CHARGE), within(1e-12));
    assertThat(out.get(1).confidence()).isEqualTo(0.70);
    assertThat(out.get(2).confidence()).isEqualTo(0.10);
    assertThat(out).extracting(PlateCandidate::text).containsExactly("HB6LDZ", "HB6L0Z", "HB6L");
  }

  @Test
  void theChargeGrowsWithTheSquareOfTheRunnerUpsShare() {
    double half = RunnerUpCharge.of(List.of(c("AB123", 0.8), c("AB12", 0.4))).get(0).confidence();
    assertThat(half).isCloseTo(0.8 * (1 - RunnerUpCharge.CHARGE * 0.25), within(1e-12));
    double more = RunnerUpCharge.of(List.of(c("AB123", 0.6), c("AB12", 0.9))).get(0).confidence();
    assertThat(more).as("a surer runner-up counts as a tie").isCloseTo(0.6 * (1 - RunnerUpCharge.CHARGE), within(1e-12));
  }

  @Test
  void theSameTextWithOForZeroIsNoRunnerUp() {
    List<PlateCandidate> out = RunnerUpCharge.of(List.of(c("RK300AG", 0.75), c("RK3OOAG", 0.74), c("RK30AG", 0.15)));
    double r = 0.15 / 0.75;
    assertThat(out.get(0).confidence()).isCloseTo(0.75 * (1 - RunnerUpCharge.CHARGE * r * r), within(1e-12));
  }

  @Test
  void aLoneReadingKeepsItsConfidence() {
    assertThat(RunnerUpCharge.of(List.of(c("M5XSX", 0.75))).get(0).confidence()).isEqualTo(0.75);
    assertThat(RunnerUpCharge.of(List.of())).isEmpty();
  }
}
