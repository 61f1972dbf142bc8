package io.corridor.anpr.glyph.train;

import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.strip.StripInput;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes labelled training strips for the strip reader: a random plate text of 4-8 letters and
 * digits in one of {@link SyntheticGlyphs}' plate typefaces, at plate spacing with sometimes a
 * wider gap, a dash or a small emblem between groups, on a plate with sometimes its frame edge
 * and a stray mark beyond the text, tilted, degraded as a camera delivers it ({@link Degrade}),
 * and cut by a slightly wrong row box the way the row finder boxes it. Deterministic for a given
 * {@link Random}; one instance per thread.
 */
final class SyntheticStrips {

  private final List<java.awt.Font> fonts = new SyntheticGlyphs().fonts();

  /** One labelled strip: the network's input and the text's class indices. */
  record Sample(float[] input, int[] label) {}

  Sample next(Random r) {
    int len = 4 + r.nextInt(5);
    int[] label = new int[len];
    // Plates group letters and digits; a mix of both kinds of run and plain random text.
    boolean grouped = r.nextBoolean();
    boolean letters = r.nextBoolean();
    for (int i = 0; i < len; i++) {
      if (grouped && i > 0 && r.nextDouble() < 0.3) letters = !letters;
      boolean letter = grouped ? letters : r.nextBoolean();
      label[i] = letter ? 10 + r.nextInt(26) : r.nextInt(10);
    }
    SyntheticGlyphs.Style style = SyntheticGlyphs.Style.random(r, fonts);
    double charH = Math.exp(Math.log(14) + r.nextDouble() * (Math.log(40) - Math.log(14)));
    double unit = charH / PlateStrokeFont.HEIGHT;
    List<Shape> shapes = new ArrayList<>();
    double[] centres = new double[len];
    double x = 0;
    int groupAt = r.nextDouble() < 0.5 ? 1 + r.nextInt(len - 1) : -1;
    int mark = groupAt > 0 ? r.nextInt(4) : 0; // 0 gap, 1 dash, 2 dot, 3 emblem
    for (int i = 0; i < len; i++) {
      Shape s = style.shape(GlyphAlphabet.CHARACTERS.charAt(label[i]), r);
      double half = s.getBounds2D().getWidth() / 2;
      if (i > 0) {
        x += PlateStrokeFont.HEIGHT * (0.08 + r.nextDouble() * 0.25);
        if (i == groupAt) x += PlateStrokeFont.HEIGHT * (mark == 0 ? 0.2 + r.nextDouble() * 0.5 : 0.7 + r.nextDouble() * 0.3);
      }
      centres[i] = x + half;
      x += 2 * half;
      shapes.add(s);
    }
    double textW = x * unit;
    int width = (int) Math.ceil(textW + 2 * charH + 8), height = (int) Math.ceil(charH * 2.4);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    int ink = SyntheticGlyphs.paintPlate(g, width, height, r);
    double angle = Math.toRadians((r.nextDouble() - 0.5) * 6);
    double left = (width - textW) / 2, cy = height / 2.0;
    AffineTransform place = new AffineTransform();
    place.rotate(angle, width / 2.0, cy);
    place.translate(left, cy);
    place.shear((r.nextDouble() - 0.5) * 0.2, 0);
    place.scale(unit, unit);
    g.setColor(new Color(ink, ink, ink));
    for (int i = 0; i < len; i++) {
      AffineTransform t = new AffineTransform(place);
      t.translate(centres[i] - shapes.get(i).getBounds2D().getCenterX(), -PlateStrokeFont.HEIGHT / 2);
      g.fill(t.createTransformedShape(shapes.get(i)));
    }
    if (mark > 0) {
      double mx = (centres[groupAt - 1] + centres[groupAt]) / 2;
      Shape m = switch (mark) {
        case 1 -> new Rectangle2D.Double(mx - 0.9, -0.6, 1.8, 1.2);
        case 2 -> new Ellipse2D.Double(mx - 0.6, -0.6, 1.2, 1.2);
        default -> new Ellipse2D.Double(mx - 1.5, -2.5, 3, 5);
      };
      g.fill(place.createTransformedShape(m));
    }
    if (r.nextDouble() < 0.3) { // the plate's frame edge above or below the text
      double y = cy + (r.nextBoolean() ? -1 : 1) * charH * (0.7 + r.nextDouble() * 0.3);
      g.fill(new Rectangle2D.Double(0, y - 1, width, 1 + r.nextDouble() * 2));
    }
    if (r.nextDouble() < 0.2) { // a screw or sticker just beyond the text
      double side = r.nextBoolean() ? left - charH * 0.5 : left + textW + charH * 0.2;
      g.fill(new Ellipse2D.Double(side, cy - charH * 0.15, charH * 0.3, charH * 0.3));
    }
    g.dispose();
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    Degrade.apply(px, width, height, charH, r);
    boolean dark = true;
    if (r.nextDouble() < 0.2) {
      for (int i = 0; i < px.length; i++) px[i] = (byte) (255 - (px[i] & 0xff));
      dark = false;
    }
    // The row finder's box: the glyphs widened as the engine widens them, off by a little.
    double slope = Math.tan(angle);
    double x0 = left - charH * (0.1 + r.nextDouble() * 0.5), x1 = left + textW + charH * (0.1 + r.nextDouble() * 0.5);
    double y0 = cy + (x0 - width / 2.0) * slope + (r.nextDouble() - 0.5) * 0.16 * charH;
    StripInput.Row row = new StripInput.Row(x0, x1, y0, slope + (r.nextDouble() - 0.5) * 0.02, charH * (0.9 + 0.2 * r.nextDouble()));
    return new Sample(StripInput.of(px, width, height, row, dark), label);
  }
}
