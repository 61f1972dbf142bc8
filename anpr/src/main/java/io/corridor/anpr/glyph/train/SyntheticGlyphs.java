package io.corridor.anpr.glyph.train;

import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphInput;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes labelled training images of plate characters as a camera would deliver them: a character
 * between neighbours at plate spacing, in one of several plate-like typefaces, tilted, sheared,
 * blurred, noisy, unevenly lit and small, then cut out by a slightly wrong bounding box the way the
 * segmentation cuts it, and normalised by {@link GlyphInput}. A share of samples are not
 * characters at all (emblems, stickers, screws) and carry the reject class.
 *
 * <p>Deterministic for a given {@link Random}; one instance per thread.
 */
final class SyntheticGlyphs {

  /** Share of samples that show no character. */
  static final double JUNK_SHARE = 0.08;

  private static final String[] FONT_FAMILIES = {"DejaVu Sans", "DejaVu Sans Condensed", "DejaVu Sans Mono"};
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
  private static final java.util.Map<Font, Rectangle2D> CAP_BOXES = new java.util.concurrent.ConcurrentHashMap<>();

  private final List<Font> fonts = new ArrayList<>();

  SyntheticGlyphs() {
    for (String family : FONT_FAMILIES) {
      for (int style : new int[] {Font.BOLD, Font.PLAIN}) {
        Font f = new Font(family, style, 100);
        if (f.getFamily().equals(family) || f.getFontName().startsWith(family)) {
          fonts.add(f);
        }
      }
    }
  }

  /** How many system typefaces were found (DejaVu, from Debian's fonts-dejavu-core). */
  int systemFonts() {
    return fonts.size();
  }

  /** The system typefaces found, for other renderers of plate text. */
  List<Font> fonts() {
    return fonts;
  }

  /** One labelled sample. */
  record Sample(float[] input, int label) {}

  Sample next(Random r) {
    boolean junk = r.nextDouble() < JUNK_SHARE;
    int label = junk ? GlyphAlphabet.REJECT : r.nextInt(GlyphAlphabet.CHARACTERS.length());
    Style style = Style.random(r, fonts);
    double charH = Math.exp(Math.log(13) + r.nextDouble() * (Math.log(48) - Math.log(13)));
    double unit = charH / PlateStrokeFont.HEIGHT;
    Shape target = junk ? null : style.shape(GlyphAlphabet.CHARACTERS.charAt(label), r);
    double halfW = target == null ? PlateStrokeFont.WIDTH / 2 : target.getBounds2D().getWidth() / 2;
    int width = (int) Math.ceil((halfW * 2 + 2 * PlateStrokeFont.WIDTH) * unit + 8), height = (int) Math.ceil(charH * 1.8);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    int ink = paintPlate(g, width, height, r);
    AffineTransform place = new AffineTransform();
    place.translate(width / 2.0, height / 2.0);
    place.rotate(Math.toRadians((r.nextDouble() - 0.5) * 9));
    place.shear((r.nextDouble() - 0.5) * 0.24, (r.nextDouble() - 0.5) * 0.06);
    place.scale(unit, unit);
    g.setColor(new Color(ink, ink, ink));
    Rectangle2D box = junk ? drawJunk(g, place, style, r) : draw(g, place, target, 0);
    for (int side : new int[] {-1, 1}) {
      if (r.nextDouble() < 0.75) {
        Shape n = style.shape(GlyphAlphabet.CHARACTERS.charAt(r.nextInt(GlyphAlphabet.CHARACTERS.length())), r);
        // Plates leave a gap of a tenth to a third of the character height between characters.
        double gap = PlateStrokeFont.HEIGHT * (0.08 + r.nextDouble() * 0.25);
        draw(g, place, n, side * (halfW + n.getBounds2D().getWidth() / 2 + gap));
      }
    }
    g.dispose();
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    Degrade.apply(px, width, height, charH, r);
    if (junk && box.getWidth() < 2) {
      box = new Rectangle2D.Double(width / 2.0 - charH / 4, height / 2.0 - charH / 2, charH / 2, charH);
    }
    // The segmentation's box is a component's box: a pixel or two off either way.
    double j = Math.max(1, charH * 0.05);
    int x0 = clamp((int) Math.floor(box.getMinX() + (r.nextDouble() - 0.6) * 2 * j), 0, width - 2);
    int y0 = clamp((int) Math.floor(box.getMinY() + (r.nextDouble() - 0.6) * 2 * j), 0, height - 2);
    int x1 = clamp((int) Math.ceil(box.getMaxX() + (r.nextDouble() - 0.4) * 2 * j), x0 + 2, width);
    int y1 = clamp((int) Math.ceil(box.getMaxY() + (r.nextDouble() - 0.4) * 2 * j), y0 + 2, height);
    int cw = x1 - x0, ch = y1 - y0;
    byte[] crop = new byte[cw * ch];
    for (int y = 0; y < ch; y++) {
      System.arraycopy(px, (y0 + y) * width + x0, crop, y * cw, cw);
    }
    boolean dark = true;
    if (r.nextDouble() < 0.2) {
      for (int i = 0; i < crop.length; i++) crop[i] = (byte) (255 - (crop[i] & 0xff));
      dark = false;
    }
    return new Sample(GlyphInput.of(crop, cw, ch, dark), label);
  }

  /**
   * Switches on antialiasing and fills the image with a random plate grey.
   *
   * @return a random ink grey at least 70 levels darker
   */
  static int paintPlate(Graphics2D g, int width, int height, Random r) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    int bg = 120 + r.nextInt(136);
    int ink = r.nextInt(Math.max(1, bg - 70));
    g.setColor(new Color(bg, bg, bg));
    g.fillRect(0, 0, width, height);
    return ink;
  }

  /** Fills {@code shape} with its box centred {@code dx} cell units right of the image centre. */
  private static Rectangle2D draw(Graphics2D g, AffineTransform place, Shape shape, double dx) {
    AffineTransform t = new AffineTransform(place);
    t.translate(dx - shape.getBounds2D().getCenterX(), -PlateStrokeFont.HEIGHT / 2);
    Shape s = t.createTransformedShape(shape);
    g.fill(s);
    return s.getBounds2D();
  }

  /** Things that sit in a plate's character row but are not characters. */
  private Rectangle2D drawJunk(Graphics2D g, AffineTransform place, Style style, Random r) {
    double w = PlateStrokeFont.WIDTH, h = PlateStrokeFont.HEIGHT;
    // No rings or character fragments: normalised to character height they look like O or a letter.
    Shape s = switch (r.nextInt(5)) {
      case 0 -> { // round sticker or screw head
        double d = 3 + r.nextDouble() * 4;
        yield new Ellipse2D.Double((w - d) / 2, (h - d) / 2, d, d);
      }
      case 1 -> { // two stickers stacked, as between Czech and Slovak plate halves
        Path2D.Double p = new Path2D.Double();
        double d = 2.5 + r.nextDouble() * 1.5;
        p.append(new Ellipse2D.Double((w - d) / 2, h / 2 - d - 0.3, d, d), false);
        p.append(new Ellipse2D.Double((w - d) / 2, h / 2 + 0.3, d, d), false);
        yield p;
      }
      case 2 -> shield(r, 3, 2.5, 4, 3, 0.55).path(); // a plain coat-of-arms shield
      case 3 -> { // random blob
        Path2D.Double p = new Path2D.Double();
        int n = 5 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
          double a = 2 * Math.PI * i / n, rr = 1.5 + r.nextDouble() * 3;
          double x = w / 2 + Math.cos(a) * rr, y = h / 2 + Math.sin(a) * rr * 1.4;
          if (i == 0) p.moveTo(x, y);
          else p.lineTo(x, y);
        }
        p.closePath();
        yield p;
      }
      default -> { // a shield with a light double cross, as in the Slovak and other national arms
        Shield shield = shield(r, 3.5, 2, 4.5, 2.5, 0.6);
        double cx = shield.x0() + shield.width() / 2, bar = shield.width() * 0.12;
        Path2D.Double p = shield.path();
        p.append(new Rectangle2D.Double(cx - bar, shield.y0() + shield.height() * 0.12, 2 * bar, shield.height() * 0.62), false);
        p.append(new Rectangle2D.Double(cx - shield.width() * 0.3, shield.y0() + shield.height() * 0.25,
            shield.width() * 0.6, bar * 1.6), false);
        yield p;
      }
    };
    return draw(g, place, s, 0);
  }

  /** A shield outline centred in the cell, and where it lies. */
  private record Shield(Path2D.Double path, double x0, double y0, double width, double height) {}

  /**
   * A shield of random size ({@code minW + U*spanW} by {@code minH + U*spanH} cell units), its
   * sides straight down to {@code shoulder} of its height and then curving to a point. Even-odd
   * filled, so shapes appended inside it are cut out.
   */
  private static Shield shield(Random r, double minW, double spanW, double minH, double spanH, double shoulder) {
    double w = PlateStrokeFont.WIDTH, h = PlateStrokeFont.HEIGHT;
    double sw = minW + r.nextDouble() * spanW, sh = minH + r.nextDouble() * spanH;
    double x0 = (w - sw) / 2, y0 = (h - sh) / 2;
    Path2D.Double p = new Path2D.Double(Path2D.WIND_EVEN_ODD);
    p.moveTo(x0, y0);
    p.lineTo(x0 + sw, y0);
    p.lineTo(x0 + sw, y0 + sh * shoulder);
    p.quadTo(x0 + sw, y0 + sh, x0 + sw / 2, y0 + sh);
    p.quadTo(x0, y0 + sh, x0, y0 + sh * shoulder);
    p.closePath();
    return new Shield(p, x0, y0, sw, sh);
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** A typeface for one sample: the stroke font at some weight and width, or a system font. */
  record Style(Font font, double strokeWidth, double xScale, int variant, int cap) {

    static Style random(Random r, List<Font> fonts) {
      double xScale = 0.85 + r.nextDouble() * 0.3;
      if (fonts.isEmpty() || r.nextDouble() < 0.65) {
        int cap = r.nextInt(3) == 0 ? BasicStroke.CAP_SQUARE : BasicStroke.CAP_BUTT;
        return new Style(null, 0.95 + r.nextDouble() * 0.7, xScale, r.nextInt(PlateStrokeFont.VARIANTS), cap);
      }
      return new Style(fonts.get(r.nextInt(fonts.size())), 0, xScale, 0, 0);
    }

    double widthRatio() {
      return PlateStrokeFont.WIDTH / PlateStrokeFont.HEIGHT * xScale;
    }

    /** The filled outline of {@code c} in the stroke font's cell coordinates. */
    Shape shape(char c, Random r) {
      AffineTransform widen = AffineTransform.getTranslateInstance(PlateStrokeFont.WIDTH / 2, 0);
      widen.scale(xScale, 1);
      widen.translate(-PlateStrokeFont.WIDTH / 2, 0);
      if (font == null) {
        // Mostly the style's variant, sometimes another: fonts mix forms.
        int v = r.nextInt(4) == 0 ? r.nextInt(PlateStrokeFont.VARIANTS) : variant;
        Shape centre = PlateStrokeFont.glyph(c, v);
        Shape outline = new BasicStroke((float) strokeWidth, cap, BasicStroke.JOIN_MITER, 2f).createStrokedShape(centre);
        return widen.createTransformedShape(outline);
      }
      Shape outline = font.createGlyphVector(FRC, String.valueOf(c)).getOutline();
      Rectangle2D capBox = CAP_BOXES.computeIfAbsent(font, f -> f.createGlyphVector(FRC, "H").getOutline().getBounds2D());
      Rectangle2D own = outline.getBounds2D();
      double s = PlateStrokeFont.HEIGHT / capBox.getHeight();
      AffineTransform t = new AffineTransform(widen);
      t.scale(s, s);
      // Baseline on the cell's bottom, the glyph centred horizontally.
      t.translate(PlateStrokeFont.WIDTH / 2 / s - own.getCenterX(), -capBox.getMinY());
      return t.createTransformedShape(outline);
    }
  }
}
