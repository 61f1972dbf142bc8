package io.corridor.testkit;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real encoded images rendered for tests: a plate-like white box with black text on grey. */
public final class PlateImages {

  private PlateImages() {}

  /** A 640x480 PNG with {@code text} on a white plate at (x, y, w, h) on a grey background. */
  public static byte[] plate(String text, int x, int y, int w, int h) {
    BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(110, 110, 110));
    g.fillRect(0, 0, 640, 480);
    if (text != null) {
      g.setColor(Color.WHITE);
      g.fillRect(x, y, w, h);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
      int textWidth = g.getFontMetrics().stringWidth(text);
      g.drawString(text, x + (w - textWidth) / 2, y + h / 2 + g.getFontMetrics().getAscent() / 2 - 6);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The usual test plate: {@code text} centred in a 300x46 box. */
  public static byte[] plate(String text) {
    return plate(text, 170, 200, 300, 46);
  }

  /** A grey 640x480 PNG with no plate. */
  public static byte[] empty() {
    return plate(null, 0, 0, 0, 0);
  }
}
