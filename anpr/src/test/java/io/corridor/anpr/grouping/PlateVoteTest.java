package io.corridor.anpr.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.anpr.PlateCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlateVoteTest {

  @Test
  void positionsVoteWithConfidenceAsWeight() {
    List<PlateCandidate> vote = PlateVote.vote(List.of(read("01234AB", 0.9), read("01284AB", 0.5), read("01284AB", 0.3)));
    assertThat(vote.getFirst().text()).as("0.9 against 0.8").isEqualTo("01234AB");
    assertThat(vote.getFirst().confidence()).isEqualTo(0.9);
  }

  @Test
  void aTextNoFrameReadGetsTheAgreementAsConfidence() {
    List<PlateCandidate> vote = PlateVote.vote(List.of(read("AB1", 0.9), read("XB2", 0.6), read("AC2", 0.6)));
    assertThat(vote.getFirst().text()).isEqualTo("AB2");
    // A: 1.5 / 3, B: 1.5 / 3, 2: 1.2 / 3; mean 1.4 / 3
    assertThat(vote.getFirst().confidence()).isCloseTo(1.4 / 3, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void readingsThatFitAFormatVoteAloneWhenThereAreAny() {
    List<PlateCandidate> vote = PlateVote.vote(List.of(new PlateCandidate("BG123AB", 0.6, true), read("BG128AB", 0.9),
        read("BG128AB", 0.9)));
    assertThat(vote).extracting(PlateCandidate::text).containsExactly("BG123AB", "BG128AB");
  }

  @Test
  void oneReadingIsItsOwnVote() {
    assertThat(PlateVote.vote(List.of(read("PG AB123".replace(" ", ""), 0.7)))).containsExactly(read("PGAB123", 0.7));
    assertThatThrownBy(() -> PlateVote.vote(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  private static PlateCandidate read(String text, double confidence) {
    return new PlateCandidate(text, confidence, false);
  }
}
