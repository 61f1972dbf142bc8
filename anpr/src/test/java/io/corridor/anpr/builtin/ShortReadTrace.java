package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.glyph.GlyphNet;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.strip.CtcDecoder;
import io.corridor.anpr.strip.StripInput;
import io.corridor.anpr.strip.StripReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.javacpp.PointerScope;

/**
 * Says, for every found but misread plate of a bench result ({@code --csv}), at which stage the
 * label's text was lost: the row over the labelled plate the engine answered from (the one whose
 * cuts read the engine's text), its pieces against the label's length, where the reading drops or
 * adds a character (an end or inside), whether a piece there is glued (wider than 1.5 of the row's
 * median widths), a gap holds no piece, a piece is read as "not a character", or the label was
 * among the candidates and another won; and the strip reader's best path over the row as the
 * engine shows it ({@link BandStrip}) and over wider and taller views. Each photo is read by the
 * networks of the fold that did not see its plate: {@code -Dmodel='/dir/fold{fold}.cgn'
 * -Dstrip='/dir/strip{fold}.csn'}. By hand only: {@code ShortReadTrace DIR RESULT.csv}.
 */
public final class ShortReadTrace {

  private ShortReadTrace() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Map<String, String[]> result = new HashMap<>();
    List<String> lines = Files.readAllLines(Path.of(args[1]));
    List<String> head = List.of(lines.getFirst().split(",", -1));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      result.put(f[head.indexOf("file")], f);
    }
    int iTop = head.indexOf("top1"), iFound = head.indexOf("found"), iExact = head.indexOf("exact"), iCand = head.indexOf("candidates");
    String model = System.getProperty("model"), strip = System.getProperty("strip");
    BuiltinRecognizer.loadNatives();
    Map<Integer, BandReader> readers = new HashMap<>();
    Map<Integer, StripReader> strips = new HashMap<>();
    Map<String, Integer> stages = new java.util.TreeMap<>();
    int[] pathRight = new int[4];
    int n = 0;
    for (BenchLabel l : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
      String[] r = result.get(l.file());
      if (r == null || !r[iFound].equals("true") || r[iExact].equals("true")) continue;
      String top1 = r[iTop], label = l.plate();
      boolean among = List.of(r[iCand].split(" ")).contains(label);
      int fold = FoldSplit.DEFAULT.foldOf(label) + 1;
      BandReader reader = readers.computeIfAbsent(fold, f -> new BandReader(classifier(model, f)));
      StripReader sr = strips.computeIfAbsent(fold, f -> strip == null ? StripReader.shipped() : StripReader.load(Path.of(strip.replace("{fold}", "" + f))));
      byte[] bytes = Files.readAllBytes(dir.resolve(l.file()));
      var info = new ImageProbe().probe(bytes);
      n++;
      try (PointerScope scope = new PointerScope()) {
        TracePhoto photo = TracePhoto.of(bytes, info, l);
        byte[] px = photo.px();
        int w = photo.w(), h = photo.h();
        Box plate = photo.plate();
        List<CharBand> rows = photo.firstRows();
        Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
        CharBand chosen = null, chosenFullest = null;
        boolean readsTop = false;
        for (CharBand row : rows) {
          int top = row.glyphs().stream().mapToInt(CharBand.Glyph::y).min().orElse(0);
          int bottom = row.glyphs().stream().mapToInt(g -> g.y() + g.h()).max().orElse(0);
          if (new Box(row.left(), top, Math.max(1, row.right() - row.left()), Math.max(1, bottom - top)).overlapOfSmaller(plate) < 0.6) continue;
          java.util.function.Function<CharBand.Glyph, float[]> classify = g -> reader.classify(g, row.darkText(), seen);
          CharBand longer = RowEndProbe.extend(row, px, w, h, classify);
          CharBand mended = RowRepair.repair(row, px, w, h, classify);
          CharBand mendedLonger = mended == null ? null : RowEndProbe.extend(mended, px, w, h, classify);
          CharBand recut = BandResegmenter.resegment(row, px, w, h);
          CharBand fullest = longer != null ? longer : row;
          CharBand best = mendedLonger != null ? mendedLonger : mended;
          if (best != null && (best.glyphs().size() > fullest.glyphs().size()
              || best.glyphs().size() == fullest.glyphs().size() && best.right() - best.left() > fullest.right() - fullest.left())) fullest = best;
          boolean hit = false;
          for (CharBand c : Arrays.asList(row, longer, mended, mendedLonger, recut)) {
            if (c != null && reader.read(c, null, seen).stream().limit(3).anyMatch(x -> x.text().equals(top1))) hit = true;
          }
          if (chosen == null || hit && !readsTop || hit == readsTop && fullest.glyphs().size() > chosenFullest.glyphs().size()) {
            if (chosen == null || hit || !readsTop) {
              chosen = row;
              chosenFullest = fullest;
              readsTop = hit;
            }
          }
        }
        if (chosen == null) {
          count(stages, "no row over the plate (the found box is another cut)");
          System.out.printf("%s\t%s\t%s\tno row over the plate%n", l.file(), label, top1);
          continue;
        }
        CharBand row = chosen, full = chosenFullest;
        String glyphs = RowGlyphs.describe(full, reader, seen);
        int pieces = full.glyphs().size(), m = label.length();
        RowEndProbe.Shape shape = RowEndProbe.Shape.of(full);
        int[] edit = edit(label, top1);
        String stage;
        if (among) {
          stage = "label among the candidates, another text ranked first";
        } else if (top1.length() < m) {
          boolean end = edit[0] == 0 || edit[0] == m - 1;
          if (pieces >= m) {
            stage = "pieces enough: one read as not a character or trimmed by the decoder";
          } else if (end) {
            CharBand.Glyph g = edit[0] == 0 ? full.glyphs().getFirst() : full.glyphs().getLast();
            stage = g.w() > 1.4 * shape.w() ? "at an end: glued to the frame or a mark (end piece wide)" : "at an end: no piece beyond the row's extent";
          } else {
            boolean wide = full.glyphs().stream().anyMatch(g -> g.w() > 1.5 * shape.w());
            stage = wide ? "inside: glued to a neighbour (a wide piece)" : "inside: no piece (not a component, or a gap left)";
          }
        } else if (top1.length() > m) {
          stage = pieces > m ? "too long: a piece more than the label (split or a mark)" : "too long: read from fewer pieces";
        } else {
          stage = "right length, character(s) misread";
        }
        count(stages, stage);
        StringBuilder views = new StringBuilder();
        double[][] v = {{BandStrip.MARGIN, 1.0}, {0.9, 1.0}, {BandStrip.MARGIN, 1.25}, {0.9, 1.25}};
        for (int k = 0; k < v.length; k++) {
          double hh = full.meanHeight();
          double x0 = full.left() - v[k][0] * hh, x1 = full.right() + v[k][0] * hh;
          float[][] cols = sr.columns(StripInput.of(px, w, h, new StripInput.Row(x0, x1, full.centreY(x0), full.slope(), hh * v[k][1]), full.darkText()));
          List<CtcDecoder.Text> t = sr.texts(cols, 1);
          String p = t.isEmpty() ? "-" : t.getFirst().text();
          if (p.equals(label)) pathRight[k]++;
          views.append(String.format(" m%.2f/h%.2f=%s(%.2f|label %.2f)", v[k][0], v[k][1], p, sr.bestPerCharacter(cols), sr.perCharacter(cols, label)));
        }
        System.out.printf("%s\t%s\t%s\tpieces %d/%d\t%s\tat %d\t%s\t%s\t%s%n", l.file(), label, top1, pieces, m, stage, edit[0], views, glyphs,
            readsTop ? "" : "(row not reading top1)");
      }
    }
    System.out.println("photos " + n);
    stages.forEach((k, c) -> System.out.println(c + "\t" + k));
    System.out.printf("strip best path = label: m0.35 %d, m0.9 %d, m0.35 tall %d, m0.9 tall %d%n", pathRight[0], pathRight[1], pathRight[2], pathRight[3]);
  }

  private static void count(Map<String, Integer> m, String k) {
    m.merge(k, 1, Integer::sum);
  }

  /** {first position where label and read differ}. */
  private static int[] edit(String label, String read) {
    int i = 0;
    while (i < Math.min(label.length(), read.length()) && label.charAt(i) == read.charAt(i)) i++;
    if (i < label.length() && read.length() < label.length()) {
      // the first position whose deletion makes the label the reading, else the first difference
      for (int k = 0; k < label.length(); k++) {
        if (Objects.equals(label.substring(0, k) + label.substring(k + 1), read)) return new int[] {k};
      }
    }
    return new int[] {i};
  }


  private static GlyphClassifier classifier(String model, int fold) {
    if (model == null) return GlyphClassifier.shipped();
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(Path.of(model.replace("{fold}", "" + fold))))) {
      return new GlyphClassifier(GlyphNet.read(in));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
