package io.corridor.anpr.bench;

import io.corridor.anpr.Box;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Sets a cropped plate in a plain surround, as the engine meets plates in camera frames: scaled
 * to {@value #WIDTH} px wide and framed by its mean grey, as high as the plate above and below
 * and a quarter of its width either side. The engine looks for characters up to a quarter of the
 * image's height, away from its edges; a bare crop, where the characters fill half the height and
 * touch the borders, is not what a camera sends. The same framing as the character extractor's
 * ({@code PlateGlyphExtractor}).
 */
final class CropFrame {

  static final int WIDTH = 200;

  private CropFrame() {}

  /** The framed image (PNG) and where the plate lies in it. */
  record Framed(byte[] image, Box plate) {}

  /** The crop framed; unchanged, the plate the whole image, when it cannot be decoded (the engine then says why). */
  static Framed frame(byte[] crop) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(crop));
    if (img == null) {
      return new Framed(crop, null);
    }
    double scale = Math.min(1.0, (double) WIDTH / img.getWidth());
    int w = (int) Math.round(img.getWidth() * scale), h = (int) Math.round(img.getHeight() * scale);
    BufferedImage out = new BufferedImage(w + 2 * (w / 4), 3 * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    int grey = meanGrey(img);
    g.setColor(new Color(grey, grey, grey));
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(img, w / 4, h, w, h, null);
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(out, "png", bytes);
    return new Framed(bytes.toByteArray(), new Box(w / 4, h, w, h));
  }

  private static int meanGrey(BufferedImage img) {
    long sum = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        sum += (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
      }
    }
    return (int) (sum / Math.max(1, (long) img.getWidth() * img.getHeight()));
  }
}
