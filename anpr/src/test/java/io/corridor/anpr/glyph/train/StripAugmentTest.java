package io.corridor.anpr.glyph.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.strip.StripInput;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StripAugmentTest {

  /** A dark band (ink) across a light plate, where a row of characters lies. */
  private static float[] bars() {
    float[] v = new float[StripInput.HEIGHT * StripInput.WIDTH];
    for (int y = 0; y < StripInput.HEIGHT; y++) {
      for (int x = 0; x < StripInput.WIDTH; x++) {
        boolean ink = y >= 8 && y < 24 && x % 12 < 9;
        v[y * StripInput.WIDTH + x] = ink ? -0.5f : 0.5f;
      }
    }
    return v;
  }

  @Test
  void theSameDrawsGiveTheSameStrip() {
    assertThat(StripAugment.apply(bars(), new Random(3))).isEqualTo(StripAugment.apply(bars(), new Random(3)));
    assertThat(StripAugment.apply(bars(), new Random(3))).isNotEqualTo(StripAugment.apply(bars(), new Random(4)));
  }

  @Test
  void aVariedStripStaysInRangeAndKeepsItsInkWhereItWas() {
    float[] in = bars();
    Random r = new Random(11);
    for (int n = 0; n < 50; n++) {
      float[] out = StripAugment.apply(in, r);
      assertThat(out).hasSameSizeAs(in);
      double inkInk = 0, inkPlate = 0;
      int inks = 0, plates = 0;
      for (int i = 0; i < out.length; i++) {
        assertThat(out[i]).isBetween(-0.5f, 0.5f);
        if (in[i] < 0) {
          inkInk += out[i];
          inks++;
        } else {
          inkPlate += out[i];
          plates++;
        }
      }
      // A small warp: the ink stays mostly where it was, darker than the plate around it.
      assertThat(inkInk / inks).isLessThan(inkPlate / plates - 0.1);
    }
  }
}
