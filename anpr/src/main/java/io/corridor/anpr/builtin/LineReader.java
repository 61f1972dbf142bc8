package io.corridor.anpr.builtin;

import static org.bytedeco.tesseract.global.tesseract.RIL_SYMBOL;

import io.corridor.anpr.PlateCandidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ChoiceIterator;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;

/** Reads a character band with Tesseract after re-laying its glyphs out on a clean line. */
final class LineReader {

  private static final int TOP_N = 10;

  private LineReader() {}

  private static final String DEBUG_DIR = System.getProperty("corridor.anpr.debugDir");
  private static final java.util.concurrent.atomic.AtomicInteger DEBUG_SEQ = new java.util.concurrent.atomic.AtomicInteger();

  private static void debugDump(byte[] img, int w, int h) {
    java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    bi.getRaster().setDataElements(0, 0, w, h, img);
    try {
      javax.imageio.ImageIO.write(bi, "png", new java.io.File(DEBUG_DIR, "line" + DEBUG_SEQ.incrementAndGet() + ".png"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final String MODE = System.getProperty("corridor.anpr.render", "otsu");

  /** Otsu's threshold over the grey pixels of all glyph boxes of the band. */
  static int otsu(CharBand band) {
    long[] hist = new long[256];
    long total = 0;
    for (CharBand.Glyph g : band.glyphs()) {
      for (byte b : g.gray()) {
        hist[b & 0xff]++;
        total++;
      }
    }
    double sum = 0;
    for (int i = 0; i < 256; i++) {
      sum += i * (double) hist[i];
    }
    double sumB = 0, best = -1;
    long wB = 0;
    int t = 128;
    for (int i = 0; i < 256; i++) {
      wB += hist[i];
      if (wB == 0) {
        continue;
      }
      long wF = total - wB;
      if (wF == 0) {
        break;
      }
      sumB += i * (double) hist[i];
      double mB = sumB / wB, mF = (sum - sumB) / wF;
      double between = (double) wB * wF * (mB - mF) * (mB - mF);
      if (between > best) {
        best = between;
        t = i;
      }
    }
    return t;
  }

  private static boolean ink(CharBand band, CharBand.Glyph g, int threshold, double fy, double fx) {
    if (!MODE.equals("otsu")) {
      int sy = Math.min(g.h() - 1, (int) fy), sx = Math.min(g.w() - 1, (int) fx);
      return g.mask()[sy * g.w() + sx];
    }
    double y = Math.max(0, Math.min(g.h() - 1, fy - 0.5)), x = Math.max(0, Math.min(g.w() - 1, fx - 0.5));
    int y0 = (int) y, x0 = (int) x, y1 = Math.min(g.h() - 1, y0 + 1), x1 = Math.min(g.w() - 1, x0 + 1);
    double ay = y - y0, ax = x - x0;
    double v = (1 - ay) * ((1 - ax) * px(g, y0, x0) + ax * px(g, y0, x1)) + ay * ((1 - ax) * px(g, y1, x0) + ax * px(g, y1, x1));
    return band.darkText() ? v < threshold : v > threshold;
  }

  private static int px(CharBand.Glyph g, int y, int x) {
    return g.gray()[y * g.w() + x] & 0xff;
  }

  /** Renders the band's glyphs black on white, each scaled to {@code glyphHeight}, evenly spaced. */
  static byte[] render(CharBand band, int glyphHeight, int[] size) {
    int margin = glyphHeight / 2, gap = glyphHeight * Integer.getInteger("corridor.anpr.gapPct", 25) / 100;
    double maxH = band.glyphs().stream().mapToInt(CharBand.Glyph::h).max().orElse(1);
    int width = 2 * margin;
    int[] widths = new int[band.glyphs().size()];
    int[] heights = new int[widths.length];
    for (int i = 0; i < widths.length; i++) {
      CharBand.Glyph g = band.glyphs().get(i);
      double s = glyphHeight / maxH;
      heights[i] = Math.max(1, (int) Math.round(g.h() * s));
      widths[i] = Math.max(1, (int) Math.round(g.w() * s));
      width += widths[i] + (i > 0 ? gap : 0);
    }
    int height = glyphHeight + 2 * margin;
    byte[] img = new byte[width * height];
    java.util.Arrays.fill(img, (byte) 255);
    int x = margin;
    int threshold = otsu(band);
    for (int i = 0; i < widths.length; i++) {
      CharBand.Glyph g = band.glyphs().get(i);
      int top = margin + (glyphHeight - heights[i]) / 2;
      for (int yy = 0; yy < heights[i]; yy++) {
        double fy = (yy + 0.5) * g.h() / heights[i];
        for (int xx = 0; xx < widths[i]; xx++) {
          double fx = (xx + 0.5) * g.w() / widths[i];
          if (ink(band, g, threshold, fy, fx)) {
            img[(top + yy) * width + x + xx] = 0;
          }
        }
      }
      x += widths[i] + gap;
    }
    size[0] = width;
    size[1] = height;
    return img;
  }

  /** Glyph heights the band is rendered at; each rendering is read and the readings vote. */
  private static final int[] HEIGHTS = {28, 40, 60};

  /**
   * Top candidates, best first; empty when Tesseract read nothing. The band is rendered at
   * several glyph heights; readings with one symbol per glyph vote per position.
   */
  static List<PlateCandidate> read(TessBaseAPI api, CharBand band, int glyphHeight) {
    int n = band.glyphs().size();
    List<List<List<Choice>>> aligned = new ArrayList<>();
    List<List<Choice>> fallback = null;
    for (int h : HEIGHTS) {
      List<List<Choice>> symbols = readOnce(api, band, h);
      if (symbols.size() == n) {
        aligned.add(symbols);
      } else if (h == glyphHeight || fallback == null) {
        fallback = symbols;
      }
    }
    if (aligned.isEmpty()) {
      return fallback == null || fallback.isEmpty() ? List.of() : expand(fallback);
    }
    List<List<Choice>> voted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Double> votes = new LinkedHashMap<>();
      for (List<List<Choice>> reading : aligned) {
        for (Choice c : reading.get(i)) {
          votes.merge(c.text, c.p / aligned.size(), Double::sum);
        }
      }
      List<Choice> choices = new ArrayList<>();
      votes.forEach((c, p) -> choices.add(new Choice(c, Math.min(1, p))));
      choices.sort(Comparator.comparingDouble(Choice::p).reversed());
      voted.add(choices.subList(0, Math.min(3, choices.size())));
    }
    return expand(voted);
  }

  private static List<List<Choice>> readOnce(TessBaseAPI api, CharBand band, int glyphHeight) {
    int[] size = new int[2];
    byte[] img = render(band, glyphHeight, size);
    if (DEBUG_DIR != null) {
      debugDump(img, size[0], size[1]);
    }
    api.SetImage(img, size[0], size[1], 1, size[0]);
    api.SetSourceResolution(300);
    List<List<Choice>> symbols = new ArrayList<>();
    if (api.Recognize(null) != 0) {
      return symbols;
    }
    try (ResultIterator ri = api.GetIterator()) {
      if (ri == null || ri.isNull()) {
        return symbols;
      }
      do {
        BytePointer text = ri.GetUTF8Text(RIL_SYMBOL);
        if (text == null || text.isNull()) {
          continue;
        }
        String best = text.getString().strip();
        text.deallocate();
        float conf = ri.Confidence(RIL_SYMBOL);
        Map<String, Float> alternatives = new LinkedHashMap<>();
        if (!best.isEmpty()) {
          alternatives.put(best, conf);
        }
        try (ChoiceIterator ci = new ChoiceIterator(ri)) {
          do {
            BytePointer ct = ci.GetUTF8Text();
            if (ct != null && !ct.isNull()) {
              String c = ct.getString().strip();
              if (c.length() == 1 && Character.isLetterOrDigit(c.charAt(0))) {
                alternatives.merge(c, ci.Confidence(), Math::max);
              }
            }
          } while (ci.Next());
        }
        List<Choice> choices = new ArrayList<>();
        alternatives.forEach((c, p) -> choices.add(new Choice(c, Math.max(0, Math.min(100, p)) / 100.0)));
        choices.sort(Comparator.comparingDouble(Choice::p).reversed());
        if (!choices.isEmpty()) {
          symbols.add(choices.subList(0, Math.min(3, choices.size())));
        }
      } while (ri.Next(RIL_SYMBOL));
    }
    return symbols;
  }

  /** Best path plus single and double substitutions with the next-best choices, by product. */
  private static List<PlateCandidate> expand(List<List<Choice>> symbols) {
    record Path(String text, double p) {}
    List<Path> beam = List.of(new Path("", 1.0));
    for (List<Choice> choices : symbols) {
      List<Path> next = new ArrayList<>();
      for (Path path : beam) {
        for (Choice c : choices) {
          next.add(new Path(path.text + c.text, path.p * Math.max(0.01, c.p)));
        }
      }
      next.sort(Comparator.comparingDouble(Path::p).reversed());
      beam = next.subList(0, Math.min(TOP_N, next.size()));
    }
    double geo = beam.getFirst().p;
    List<PlateCandidate> out = new ArrayList<>();
    int n = symbols.size();
    for (Path p : beam) {
      // Mean per-symbol confidence as the candidate's confidence.
      out.add(new PlateCandidate(p.text, Math.max(0, Math.min(1, Math.pow(p.p, 1.0 / n))), false));
    }
    return out;
  }

  private record Choice(String text, double p) {}
}
