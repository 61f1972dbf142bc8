package io.corridor.tracking.shipments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MrnTest {

  @Test
  void theDomainExampleHasCheckCharacterSix() {
    assertThat(Mrn.checkCharacter("22ITZXBZYUTJFLJXK")).isEqualTo('6');
    assertThat(Mrn.validate("22itzxbzyutjfljxk6")).isEqualTo("22ITZXBZYUTJFLJXK6");
  }

  @Test
  void lettersSkipMultiplesOfEleven() {
    assertThat(Mrn.value('A')).isEqualTo(10);
    assertThat(Mrn.value('B')).isEqualTo(12);
    assertThat(Mrn.value('K')).isEqualTo(21);
    assertThat(Mrn.value('L')).isEqualTo(23);
    assertThat(Mrn.value('U')).isEqualTo(32);
    assertThat(Mrn.value('V')).isEqualTo(34);
    assertThat(Mrn.value('Z')).isEqualTo(38);
  }

  @Test
  void aWrongCheckCharacterIsRefusedWithTheExpectedOne() {
    assertThatThrownBy(() -> Mrn.validate("22ITZXBZYUTJFLJXK5")).hasMessageContaining("expected 6");
  }

  @Test
  void badShapesAreRefused() {
    assertThatThrownBy(() -> Mrn.validate("22ITZXBZYUTJFLJX6")).hasMessageContaining("18 characters");
    assertThatThrownBy(() -> Mrn.validate("2XITZXBZYUTJFLJXK6")).hasMessageContaining("18 characters");
    assertThatThrownBy(() -> Mrn.validate(null)).hasMessageContaining("required");
  }
}
