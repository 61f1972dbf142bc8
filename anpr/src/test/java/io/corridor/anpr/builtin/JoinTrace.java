package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.glyph.GlyphNet;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.strip.StripInput;
import io.corridor.anpr.strip.StripReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;

/**
 * Prints, for every photo of a set (or the named ones), each row over the labelled plate whose
 * cuts {@link ReadingJoin} joins: the best reading of the row as found, of its re-cut and of the
 * joined row, with the strip's per-character probability of the joined text over the joined row
 * and whether it is the label; then how many photos had a join, and how many a join that reads
 * the label. Each photo is read by the networks of the fold that did not see its plate: {@code
 * -Dmodel='/dir/fold{fold}.cgn' -Dstrip='/dir/strip{fold}.csn'}. By hand only.
 */
public final class JoinTrace {

  private static final double OVER = Double.parseDouble(System.getProperty("over", "0.6"));

  private JoinTrace() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<String> wanted = List.of(args).subList(1, args.length);
    String model = System.getProperty("model"), strip = System.getProperty("strip");
    BuiltinRecognizer.loadNatives();
    Map<Integer, BandReader> readers = new HashMap<>();
    Map<Integer, StripReader> strips = new HashMap<>();
    int photos = 0, joined = 0, label = 0, labelBest = 0;
    for (BenchLabel l : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
      if (!wanted.isEmpty() && !wanted.contains(l.file()) && !wanted.contains(l.plate())) continue;
      int fold = FoldSplit.DEFAULT.foldOf(l.plate()) + 1;
      BandReader reader = readers.computeIfAbsent(fold, f -> new BandReader(classifier(model, f)));
      StripReader sr = strips.computeIfAbsent(fold, f -> StripReader.load(Path.of(strip.replace("{fold}", "" + f))));
      byte[] bytes = Files.readAllBytes(dir.resolve(l.file()));
      var info = new ImageProbe().probe(bytes);
      photos++;
      boolean any = false, reads = false, readsBest = false;
      try (PointerScope scope = new PointerScope()) {
        TracePhoto photo = TracePhoto.of(bytes, info, l);
        byte[] px = photo.px();
        int w = photo.w(), h = photo.h();
        Box plate = photo.plate();
        List<CharBand> rows = photo.firstRows();
        Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
        for (CharBand row : rows) {
          int top = row.glyphs().stream().mapToInt(CharBand.Glyph::y).min().orElse(0);
          int bottom = row.glyphs().stream().mapToInt(g -> g.y() + g.h()).max().orElse(0);
          if (new Box(row.left(), top, Math.max(1, row.right() - row.left()), Math.max(1, bottom - top)).overlapOfSmaller(plate) < OVER) continue;
          java.util.function.Function<CharBand.Glyph, float[]> classify = g -> reader.classify(g, row.darkText(), seen);
          CharBand longer = RowEndProbe.extend(row, px, w, h, classify);
          CharBand mended = RowRepair.repair(row, px, w, h, classify);
          CharBand mendedLonger = mended == null ? null : RowEndProbe.extend(mended, px, w, h, classify);
          CharBand recut = BandResegmenter.resegment(row, px, w, h);
          List<ReadingJoin.Join> joins = ReadingJoin.of(Arrays.asList(row, longer, mended, mendedLonger), row, recut, classify);
          for (ReadingJoin.Join j : joins) {
            List<BandReader.Reading> rs = reader.read(j.row(), null, seen, j.addedLeft(), j.addedRight());
            if (rs.isEmpty()) continue;
            any = true;
            float[][] cols = sr.columns(StripInput.of(px, w, h, j.extent(), row.darkText()));
            String found = best(reader.read(row, null, seen)), again = recut == null ? "-" : best(reader.read(recut, null, seen));
            String top1 = rs.getFirst().text();
            boolean hit = rs.stream().anyMatch(r -> r.text().equals(l.plate()));
            reads |= hit;
            readsBest |= top1.equals(l.plate());
            System.out.printf("%s\t%s\tfold%d\tfound=%s\trecut=%s\tjoined=%s (+%d left, +%d right) step %.2f strip %.3f%s%n", l.file(), l.plate(), fold,
                found, again, top1, j.addedLeft(), j.addedRight(), j.pitches(), sr.perCharacter(cols, top1), hit ? "\tLABEL" + (top1.equals(l.plate()) ? " first" : " among") : "");
          }
        }
      }
      joined += any ? 1 : 0;
      label += reads ? 1 : 0;
      labelBest += readsBest ? 1 : 0;
    }
    System.out.printf("photos %d, with a join %d, a join reading the label %d (as its best reading %d)%n", photos, joined, label, labelBest);
  }

  private static String best(List<BandReader.Reading> rs) {
    return rs.isEmpty() ? "-" : rs.getFirst().text();
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
