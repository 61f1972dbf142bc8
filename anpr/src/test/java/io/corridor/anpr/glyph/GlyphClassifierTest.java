package io.corridor.anpr.glyph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.Test;

class GlyphClassifierTest {

  private static final GlyphClassifier SHIPPED = GlyphClassifier.shipped();

  /** A character as a camera-sized crop, drawn with a system font the network never trained on at this size. */
  private static byte[] crop(char c, int size, int[] wh) {
    BufferedImage img = new BufferedImage(size, size * 2, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(210, 210, 210));
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(new Color(40, 40, 40));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
    var box = g.getFontMetrics().getStringBounds(String.valueOf(c), g);
    g.drawString(String.valueOf(c), (int) ((size - box.getWidth()) / 2), size + size / 4);
    g.dispose();
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    // Tight box around the ink, as the segmentation would cut it.
    int x0 = size, y0 = size * 2, x1 = -1, y1 = -1;
    for (int y = 0; y < size * 2; y++) {
      for (int x = 0; x < size; x++) {
        if ((px[y * size + x] & 0xff) < 125) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    int w = x1 - x0 + 1, h = y1 - y0 + 1;
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(px, (y0 + y) * size + x0, out, y * w, w);
    }
    wh[0] = w;
    wh[1] = h;
    return out;
  }

  private static char best(float[] p) {
    int k = 0;
    for (int i = 1; i < p.length; i++) if (p[i] > p[k]) k = i;
    return GlyphAlphabet.character(k);
  }

  @Test
  void theShippedNetworkReadsCleanCharacters() {
    // O and 0 are drawn alike in plate fonts; the formats tell them apart, not the network.
    int right = 0, total = 0;
    for (char c : GlyphAlphabet.CHARACTERS.toCharArray()) {
      int[] wh = new int[2];
      byte[] crop = crop(c, 30, wh);
      char read = best(SHIPPED.classify(crop, wh[0], wh[1], true));
      total++;
      if (read == c || (c == 'O' && read == '0') || (c == '0' && read == 'O')) right++;
    }
    assertThat(right).as("characters read right out of %d", total).isGreaterThanOrEqualTo(total - 2);
  }

  @Test
  void polarityIsTheCallersToState() {
    int[] wh = new int[2];
    byte[] crop = crop('K', 30, wh);
    byte[] inverted = crop.clone();
    for (int i = 0; i < inverted.length; i++) inverted[i] = (byte) (255 - (inverted[i] & 0xff));
    assertThat(best(SHIPPED.classify(inverted, wh[0], wh[1], false))).isEqualTo('K');
  }

  @Test
  void aNetworkOfTheWrongShapeIsRefused() {
    assertThatThrownBy(() -> new GlyphClassifier(new GlyphNet(5, 1))).isInstanceOf(IllegalArgumentException.class);
  }
}
