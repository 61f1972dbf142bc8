package io.corridor.anpr.glyph.train;

import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.builtin.PlateGlyphExtractor;
import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.glyph.GlyphInput;
import io.corridor.anpr.glyph.GlyphNet;
import io.corridor.anpr.nn.Adam;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the built-in engine's character network on {@link SyntheticGlyphs} and writes it where
 * the engine loads it from. Run as {@code bin/corridor anpr-train [--epochs N] [--samples N]
 * [--seed N] [--out FILE] [--threads N]}. Deterministic for a seed and thread count: every worker
 * draws its samples from its own seeded generator.
 *
 * <p>With {@code --real BENCH_DIR} it fine-tunes the synthetic-only network
 * ({@link GlyphClassifier#SYNTHETIC_RESOURCE}, or {@code --init FILE}) on synthetic characters
 * mixed with real ones cut from the shared benchmark's plates ({@link RealCharacters}); {@code
 * --fold I/K} leaves the plates of fold I out, for measuring on them ({@code anpr-bench --fold}).
 * A missing {@code BENCH_DIR} is an error, never a silent fall-back to synthetic only.
 *
 * <p>With {@code --strip} first it trains the whole-row strip reader instead ({@link StripTrainer}).
 *
 * <p>Mini-batch Adam with a cosine learning-rate decay and light label smoothing; the batch is
 * split across the cores and the per-thread gradients are summed.
 */
public final class GlyphTrainer {

  private static final int BATCH = 64;
  private static final float LABEL_SMOOTHING = 0.03f;

  private final GlyphNet net;
  private final int threads;
  private final long seed;
  private final List<PlateGlyphExtractor.Sample> real;
  private final double realFraction;
  private final double maxLr;
  private final Adam adam;

  GlyphTrainer(GlyphNet net, int threads, long seed) {
    this(net, threads, seed, List.of(), 0, 2e-3);
  }

  GlyphTrainer(GlyphNet net, int threads, long seed, List<PlateGlyphExtractor.Sample> real, double realFraction, double maxLr) {
    this.net = net;
    this.threads = threads;
    this.seed = seed;
    this.real = real;
    this.realFraction = real.isEmpty() ? 0 : realFraction;
    this.maxLr = maxLr;
    this.adam = new Adam(net.parametersForTraining());
  }

  /**
   * One training run's settings.
   *
   * @param init the network to start from (fine-tuning), or null for fresh weights from the seed
   * @param real the benchmark folder with the real sets ({@link RealCharacters}), or null for synthetic only
   * @param realFraction share of each batch drawn from the real characters
   * @param fold the fold held out of the real data, or null to use every real plate
   * @param maxLr the learning rate at the start of the cosine decay
   */
  record Config(int epochs, int samples, long seed, int threads, Path out, Path init, Path real, double realFraction,
      FoldSplit.Selection fold, double maxLr) {}

  /** Command-line entry point. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--strip")) {
      StripTrainer.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    int epochs = 12, samples = 100_000, threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    long seed = 7, splitSeed = FoldSplit.DEFAULT.seed();
    Path out = Path.of("anpr/src/main/resources/io/corridor/anpr/glyph/glyphs.cgn");
    Path init = null, real = null;
    String foldSpec = null;
    double realFraction = 0.5;
    Double lr = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--init" -> init = Path.of(args[++i]);
        case "--real" -> real = Path.of(args[++i]);
        case "--real-fraction" -> realFraction = Double.parseDouble(args[++i]);
        case "--fold" -> foldSpec = args[++i];
        case "--split-seed" -> splitSeed = Long.parseLong(args[++i]);
        case "--lr" -> lr = Double.parseDouble(args[++i]);
        default -> {
          System.err.println("usage: anpr-train [--epochs N] [--samples N per epoch] [--seed N] [--out FILE] [--threads N]\n"
              + "       [--real BENCH_DIR [--fold I/K [--split-seed S]] [--real-fraction F] [--init FILE]] [--lr F]");
          System.exit(2);
        }
      }
    }
    if (foldSpec != null && real == null) {
      System.err.println("anpr-train: --fold needs --real (the fold is held out of the real data)");
      System.exit(2);
    }
    if (real != null && !Files.isDirectory(real)) {
      // No silent fall-back to synthetic only: that would write a different network under the same command.
      System.err.println("anpr-train: real training data not found at " + real.toAbsolutePath()
          + " (the shared benchmark sets " + RealCharacters.SETS + "); leave out --real to train on synthetic characters only");
      System.exit(2);
    }
    FoldSplit.Selection fold = foldSpec == null ? null : FoldSplit.Selection.parse(foldSpec, splitSeed);
    if (fold != null && fold.fold() < 0) {
      System.err.println("anpr-train: --fold names one fold to hold out (I/K), not all");
      System.exit(2);
    }
    // Fine-tuning starts from the synthetic-only network unless told otherwise, at a lower rate.
    boolean fineTune = real != null || init != null;
    double maxLr = lr != null ? lr : fineTune ? 5e-4 : 2e-3;
    train(new Config(epochs, samples, seed, threads, out, init, real, realFraction, fold, maxLr), System.out);
  }

  /** Trains as configured, writing the network to {@code config.out()} after every epoch. */
  static GlyphNet train(Config c, java.io.PrintStream log) throws Exception {
    List<PlateGlyphExtractor.Sample> real = List.of();
    if (c.real() != null) {
      long t0 = System.nanoTime();
      FoldSplit split = c.fold() == null ? FoldSplit.DEFAULT : c.fold().split();
      int heldOut = c.fold() == null ? -1 : c.fold().fold();
      RealCharacters.Loaded loaded = RealCharacters.load(c.real(), split, heldOut,
          new GlyphClassifier(GlyphClassifier.network(GlyphClassifier.SYNTHETIC_RESOURCE)));
      real = loaded.samples();
      for (RealCharacters.SetCount sc : loaded.counts()) {
        log.printf(Locale.ROOT, "real %-8s %4d plates, %4d aligned (%.1f%%), %5d characters, %4d reject pieces%n", sc.set(),
            sc.plates(), sc.aligned(), sc.plates() == 0 ? 0 : 100.0 * sc.aligned() / sc.plates(), sc.characters(), sc.rejects());
      }
      log.printf(Locale.ROOT, "real samples %d%s, cut in %.0f s%n", real.size(), heldOut < 0 ? ", no fold held out"
          : ", fold " + (heldOut + 1) + "/" + split.folds() + " held out (split seed " + split.seed() + ")", (System.nanoTime() - t0) / 1e9);
    }
    GlyphNet net;
    if (c.init() != null) {
      try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(c.init()))) {
        net = GlyphNet.read(in);
      }
    } else if (c.real() != null) {
      net = GlyphClassifier.network(GlyphClassifier.SYNTHETIC_RESOURCE);
    } else {
      net = new GlyphNet(GlyphAlphabet.CLASSES, c.seed());
    }
    SyntheticGlyphs probe = new SyntheticGlyphs();
    log.printf(Locale.ROOT, "training glyph network: %d epochs x %d samples (%.0f%% real), %d threads, %d system fonts, seed %d, lr %.1e%s%n",
        c.epochs(), c.samples(), real.isEmpty() ? 0 : c.realFraction() * 100, c.threads(), probe.systemFonts(), c.seed(), c.maxLr(),
        c.init() != null ? ", from " + c.init() : c.real() != null ? ", from " + GlyphClassifier.SYNTHETIC_RESOURCE : "");
    GlyphTrainer trainer = new GlyphTrainer(net, c.threads(), c.seed(), real, c.realFraction(), c.maxLr());
    List<SyntheticGlyphs.Sample> validation = validationSet(Math.min(4000, c.samples()), c.seed() + 1_000_003);
    ExecutorService pool = Executors.newFixedThreadPool(c.threads());
    try {
      for (int epoch = 0; epoch < c.epochs(); epoch++) {
        long t0 = System.nanoTime();
        double loss = trainer.epoch(pool, epoch, c.epochs(), c.samples());
        double acc = accuracy(net, validation);
        log.printf(Locale.ROOT, "epoch %2d  loss %.4f  synthetic validation accuracy %.2f%%  (%.0f s)%n",
            epoch + 1, loss, acc * 100, (System.nanoTime() - t0) / 1e9);
        Path parent = c.out().toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (OutputStream os = Files.newOutputStream(c.out())) {
          net.write(os);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    log.println("wrote " + c.out().toAbsolutePath());
    return net;
  }

  static List<SyntheticGlyphs.Sample> validationSet(int n, long seed) {
    SyntheticGlyphs gen = new SyntheticGlyphs();
    Random r = new Random(seed);
    List<SyntheticGlyphs.Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(gen.next(r));
    return out;
  }

  static double accuracy(GlyphNet net, List<SyntheticGlyphs.Sample> samples) {
    int right = 0;
    for (SyntheticGlyphs.Sample s : samples) {
      float[] p = net.classify(s.input());
      int best = 0;
      for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
      if (best == s.label()) right++;
    }
    return (double) right / samples.size();
  }

  /** One pass over {@code samples} fresh samples; returns the mean loss. */
  double epoch(ExecutorService pool, int epoch, int epochs, int samples) throws Exception {
    int batches = samples / BATCH;
    List<Worker> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(new Worker(new Random(seed * 1_000_003L + epoch * 7919L + t)));
    }
    double total = 0;
    for (int b = 0; b < batches; b++) {
      double progress = (epoch + (double) b / batches) / epochs;
      double minLr = maxLr / 20;
      float lr = (float) (minLr + 0.5 * (maxLr - minLr) * (1 + Math.cos(Math.PI * progress)));
      List<Future<Float>> parts = new ArrayList<>();
      int per = BATCH / threads;
      for (int t = 0; t < threads; t++) {
        Worker w = workers.get(t);
        int count = t == threads - 1 ? BATCH - per * (threads - 1) : per;
        parts.add(pool.submit(() -> w.run(count)));
      }
      for (Future<Float> f : parts) total += f.get();
      adam(workers, lr);
    }
    return total / (batches * (double) BATCH);
  }

  private void adam(List<Worker> workers, float lr) {
    adam.step(workers.stream().map(w -> w.gradients.arrays()).toList(), BATCH, lr, 0);
    workers.forEach(w -> w.gradients.clear());
  }

  /**
   * A real character shifted by up to a pixel each way and its contrast scaled by 0.75-1: the
   * few thousand real crops are drawn many times, and the cutter's boxes vary by about that much.
   */
  static float[] jitter(float[] input, Random random) {
    int dx = random.nextInt(3) - 1, dy = random.nextInt(3) - 1;
    float contrast = 0.75f + 0.25f * random.nextFloat();
    int w = GlyphInput.WIDTH, h = GlyphInput.HEIGHT;
    float[] out = new float[input.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sx = x - dx, sy = y - dy;
        float v = sx >= 0 && sx < w && sy >= 0 && sy < h ? input[sy * w + sx] : 0.5f;
        out[y * w + x] = v * contrast;
      }
    }
    return out;
  }

  private final class Worker {
    final Random random;
    final SyntheticGlyphs generator = new SyntheticGlyphs();
    final GlyphNet.Training training = net.training();
    final GlyphNet.Training.Grads gradients;

    Worker(Random random) {
      this.random = random;
      this.gradients = training.newGradients();
    }

    float run(int count) {
      float loss = 0;
      float[] target = new float[GlyphAlphabet.CLASSES];
      for (int i = 0; i < count; i++) {
        float[] input;
        int label;
        if (realFraction > 0 && random.nextDouble() < realFraction) {
          PlateGlyphExtractor.Sample s = real.get(random.nextInt(real.size()));
          input = jitter(s.input(), random);
          label = s.label();
        } else {
          SyntheticGlyphs.Sample s = generator.next(random);
          input = s.input();
          label = s.label();
        }
        java.util.Arrays.fill(target, LABEL_SMOOTHING / GlyphAlphabet.CLASSES);
        target[label] += 1 - LABEL_SMOOTHING;
        loss += training.step(input, target, gradients);
      }
      return loss;
    }
  }
}
