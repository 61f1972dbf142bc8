package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageTraceTest {

  @Test
  void eachPlateIsLostAtTheFirstStageThatFails() {
    // stage(label length, components, row pieces, rows read over the plate, kept, best plate's IoU)
    assertThat(StageTrace.stage(7, 7, 7, 1, 1, 0.8)).isEqualTo("found");
    assertThat(StageTrace.stage(7, 7, 7, 1, 1, 0.45)).isEqualTo("read-on-plate-box-off");
    assertThat(StageTrace.stage(7, 7, 7, 1, 1, 0.0)).isEqualTo("kept-outranked");
    assertThat(StageTrace.stage(7, 7, 7, 2, 0, 0.0)).isEqualTo("read-dropped");
    assertThat(StageTrace.stage(7, 7, 6, 0, 0, 0.0)).isEqualTo("row-not-read");
    assertThat(StageTrace.stage(7, 7, 4, 0, 0, 0.0)).isEqualTo("partial-row-not-read");
    assertThat(StageTrace.stage(7, 6, 0, 0, 0, 0.0)).isEqualTo("components-not-grouped");
    assertThat(StageTrace.stage(7, 3, 0, 0, 0, 0.0)).isEqualTo("no-components");
  }
}
