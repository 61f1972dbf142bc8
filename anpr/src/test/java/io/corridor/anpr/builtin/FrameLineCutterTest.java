package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameLineCutterTest {

  private static final int W = 80, H = 40;

  /** A 6 × 14 px character standing on a frame line 70 px long, 2 px thick. */
  private static byte[] characterOnFrame() {
    byte[] bin = new byte[W * H];
    for (int y = 10; y < 24; y++) {
      for (int x = 20; x < 26; x++) {
        bin[y * W + x] = (byte) 255;
      }
    }
    for (int y = 24; y < 26; y++) {
      for (int x = 5; x < 75; x++) {
        bin[y * W + x] = (byte) 255;
      }
    }
    return bin;
  }

  @Test
  void clearsTheFrameLineAndKeepsTheCharacter() {
    byte[] bin = characterOnFrame();
    int cleared = FrameLineCutter.cut(bin, W, H, 36, 36);
    assertThat(cleared).isEqualTo(2 * 70);
    for (int y = 10; y < 24; y++) {
      for (int x = 20; x < 26; x++) {
        assertThat(bin[y * W + x]).as("character pixel %d,%d", x, y).isNotZero();
      }
    }
    for (int x = 5; x < 75; x++) {
      assertThat(bin[24 * W + x]).isZero();
      assertThat(bin[25 * W + x]).isZero();
    }
  }

  @Test
  void runsAsLongAsACharacterStay() {
    byte[] bin = characterOnFrame();
    assertThat(FrameLineCutter.cut(bin, W, H, 70, 36)).as("the line is exactly 70 long: kept").isZero();
  }

  @Test
  void clearsALongVerticalRunToo() {
    byte[] bin = new byte[W * H];
    for (int y = 0; y < H; y++) {
      bin[y * W + 3] = 1;
    }
    assertThat(FrameLineCutter.cut(bin, W, H, 36, 36)).isEqualTo(H);
  }
}
