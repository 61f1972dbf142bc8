package io.corridor.anpr.plate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LookAlikesTest {

  @Test
  void pairsAreAlikeEitherWayRound() {
    for (String pair : new String[] {"O0", "I1", "B8", "S5", "Z2", "G6", "D0", "Q0"}) {
      assertThat(LookAlikes.alike(pair.charAt(0), pair.charAt(1))).as(pair).isTrue();
      assertThat(LookAlikes.alike(pair.charAt(1), pair.charAt(0))).as(pair).isTrue();
    }
    assertThat(LookAlikes.alike('O', 'D')).isFalse();
    assertThat(LookAlikes.alike('7', '1')).isFalse();
    assertThat(LookAlikes.alike('A', 'A')).isFalse();
  }

  @Test
  void aRespellingChangesOnlyLookAlikes() {
    assertThat(LookAlikes.respells("FWE5O", "FWE50")).isTrue();
    assertThat(LookAlikes.respells("B5I8Z", "85182")).isTrue();
    assertThat(LookAlikes.respells("FWE50", "FWE50")).as("nothing changed").isFalse();
    assertThat(LookAlikes.respells("FWE5O", "FWE5K")).isFalse();
    assertThat(LookAlikes.respells("FWE5O", "FWE500")).isFalse();
  }
}
