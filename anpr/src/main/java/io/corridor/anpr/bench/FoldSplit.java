package io.corridor.anpr.bench;

/**
 * Splits labelled plates into {@code folds} folds for training on some and measuring on the
 * others, deterministically for a seed. The fold is a hash of the plate text, not of the file:
 * the same car photographed twice, or cropped in one set and photographed in another (a few
 * plates of {@code us-crops/} are also in {@code us/}), falls in one fold, so a held-out image
 * never shows a plate that was trained on. A plate's fold does not depend on which other images
 * exist.
 *
 * @param folds number of folds, at least 2
 * @param seed the split's seed
 */
public record FoldSplit(int folds, long seed) {

  /** The split the project's figures use: 5 folds, seed 1. */
  public static final FoldSplit DEFAULT = new FoldSplit(5, 1);

  public FoldSplit {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be at least 2, got " + folds);
    }
  }

  /** The plate's fold, 0 to {@code folds - 1}. */
  public int foldOf(String plateText) {
    long h = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    String text = BenchLabel.normalize(plateText);
    for (int i = 0; i < text.length(); i++) {
      h = mix(h ^ text.charAt(i));
    }
    return (int) Math.floorMod(mix(h), (long) folds);
  }

  /**
   * A fold chosen on the command line: {@code I/K} (fold I of K, counted from 1 as people count
   * folds) or {@code all/K} (every fold, each image measured with the model that did not see it).
   *
   * @param split the split
   * @param fold the fold's index from 0, or -1 for all
   */
  public record Selection(FoldSplit split, int fold) {

    /** @throws IllegalArgumentException not of that form, or I outside 1..K */
    public static Selection parse(String spec, long seed) {
      String[] f = spec.split("/");
      if (f.length != 2) {
        throw new IllegalArgumentException("fold must be I/K (for example 2/5) or all/K, got '" + spec + "'");
      }
      FoldSplit split = new FoldSplit(Integer.parseInt(f[1].strip()), seed);
      if (f[0].strip().equals("all")) {
        return new Selection(split, -1);
      }
      int i = Integer.parseInt(f[0].strip());
      if (i < 1 || i > split.folds()) {
        throw new IllegalArgumentException("fold " + i + " is not between 1 and " + split.folds());
      }
      return new Selection(split, i - 1);
    }
  }

  /** SplitMix64's finaliser: every input bit moves every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
