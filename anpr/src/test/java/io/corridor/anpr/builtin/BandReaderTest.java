package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BandReaderTest {

  @Test
  void cropsWithTheSameContentShareTheNetworksAnswer() {
    byte[] crop = {1, 2, 3, 4, 5, 6};
    BandReader.GlyphKey key = new BandReader.GlyphKey(crop, 2, 3, true);
    assertThat(new BandReader.GlyphKey(crop.clone(), 2, 3, true)).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(new BandReader.GlyphKey(crop, 2, 3, false)).isNotEqualTo(key); // other polarity, other input
    assertThat(new BandReader.GlyphKey(crop, 3, 2, true)).isNotEqualTo(key); // same bytes, other shape
    assertThat(new BandReader.GlyphKey(new byte[] {1, 2, 3, 4, 5, 7}, 2, 3, true)).isNotEqualTo(key);
  }
}
