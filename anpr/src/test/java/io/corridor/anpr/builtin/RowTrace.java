package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.strip.StripReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints every row the shipped engine reads in the named photos, with the shipped verifier's
 * probability and the row's plate box IoU with the label: where a missed plate is lost. By hand only.
 */
public final class RowTrace {

  private RowTrace() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<String> files = List.of(args).subList(1, args.length);
    RowVerifier verifier = RowVerifier.shipped();
    for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
      if (!files.contains(label.file())) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(dir.resolve(label.file()));
      var info = new ImageProbe().probe(bytes);
      Box box = label.boxIn(info.width(), info.height());
      System.out.println(label.file() + " " + label.plate());
      BuiltinRecognizer engine = BuiltinRecognizer.open(GlyphClassifier.shipped(), RowVerifier.ACCEPT_ALL,
          (features, corners, text) -> System.out.printf("   %-12s p=%.2f iou=%.2f%n", text, verifier.probability(features),
              Box.around(corners).iou(box))).withStrip(StripReader.shipped(), StripMode.RERANK);
      engine.recognize(bytes, RecognitionHints.none());
    }
  }
}
