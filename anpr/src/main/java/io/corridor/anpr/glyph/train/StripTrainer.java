package io.corridor.anpr.glyph.train;

import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.nn.Adam;
import io.corridor.anpr.strip.CtcDecoder;
import io.corridor.anpr.strip.StripNet;
import io.corridor.anpr.strip.StripReader;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * Trains the strip reader ({@link StripNet}) with CTC loss on rendered plate rows
 * ({@link SyntheticStrips}) mixed with the real labelled plates' rows ({@link RealStrips}). Run as
 * {@code bin/corridor anpr-train --strip [--epochs N] [--samples N] [--seed N] [--threads N]
 * [--real BENCH_DIR [--fold I/K|all/K] [--real-fraction F]] [--init FILE] [--out FILE] [--augment true|false] [--channels A,B,C --hidden N]};
 * {@code --fold all/K}
 * trains one network per fold in one run (the real plates are cut once), writing {@code --out}
 * with {@code {fold}} replaced by the fold, from 1. Deterministic for a seed and thread count.
 *
 * <p>Mini-batch Adam with a cosine learning-rate decay; the batch is split across the threads and
 * the per-thread gradients are summed in thread order.
 */
public final class StripTrainer {

  private static final int BATCH = 32;
  private static final float CLIP = 1f;

  /**
   * One training run's settings.
   *
   * @param init the network to start from (fine-tuning), or null for fresh weights from the seed
   * @param real the benchmark folder with the real sets, or null for rendered rows only
   * @param fold the fold held out of the real data, all folds in turn, or null to use every plate
   * @param augment whether each real strip drawn is varied ({@link StripAugment}) or, as before
   *     {@code --augment true} existed, only its contrast scaled (the default, so that the earlier
   *     networks' commands still write them byte for byte)
   * @param channels the convolution blocks' channels of a fresh network ({@code --channels}; the command refuses it
   *     with {@code --init}, whose file's size the network keeps); {@code --channels 8,16,32 --hidden 96} is the size
   *     of the networks shipped before 2026-12-03 and {@code --channels 16,32,64 --hidden 128} that of those shipped
   *     until 2026-12-04, so their commands write them byte for byte with these
   * @param hidden the hidden units of a fresh network ({@code --hidden})
   */
  record Config(int epochs, int samples, long seed, int threads, Path out, Path init, Path real, double realFraction,
      FoldSplit.Selection fold, double maxLr, boolean augment, int[] channels, int hidden) {}

  private StripTrainer() {}

  private static final java.util.Set<String> OPTIONS = java.util.Set.of("--epochs", "--samples", "--seed", "--out", "--threads",
      "--real", "--real-fraction", "--fold", "--split-seed", "--lr", "--init", "--augment", "--channels", "--hidden");

  /** Command-line entry point (after {@code --strip}). */
  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
        System.err.println("usage: anpr-train --strip [--epochs N] [--samples N per epoch] [--seed N] [--out FILE] [--threads N]\n"
            + "       [--real BENCH_DIR [--fold I/K|all/K [--split-seed S]] [--real-fraction F]] [--init FILE] [--lr F] [--augment true|false]\n"
            + "       [--channels A,B,C] [--hidden N] (a fresh network's size; default " + java.util.Arrays.toString(StripNet.defaultChannels())
            + ", " + StripNet.HIDDEN_UNITS + ")");
        System.exit(2);
      }
      o.put(args[i], args[i + 1]);
    }
    Path real = o.containsKey("--real") ? Path.of(o.get("--real")) : null;
    Path init = o.containsKey("--init") ? Path.of(o.get("--init")) : null;
    if (init != null && (o.containsKey("--channels") || o.containsKey("--hidden"))) {
      fail("--channels and --hidden size a fresh network; a network from --init keeps its file's size");
    }
    Path out = Path.of(o.getOrDefault("--out", "anpr/src/main/resources" + StripReader.RESOURCE));
    String foldSpec = o.get("--fold");
    if (foldSpec != null && real == null) {
      fail("--fold needs --real (the fold is held out of the real data)");
    }
    if (real != null && !Files.isDirectory(real)) {
      fail("real training data not found at " + real.toAbsolutePath() + " (the shared benchmark sets " + RealCharacters.SETS
          + "); leave out --real to train on rendered rows only");
    }
    long splitSeed = Long.parseLong(o.getOrDefault("--split-seed", Long.toString(FoldSplit.DEFAULT.seed())));
    FoldSplit.Selection fold = foldSpec == null ? null : FoldSplit.Selection.parse(foldSpec, splitSeed);
    if (fold != null && fold.fold() < 0 && !out.toString().contains("{fold}")) {
      fail("--fold all/K needs an --out name with {fold} (one network per fold)");
    }
    // Fine-tuning from the rendered-rows network starts at a lower rate.
    double maxLr = o.containsKey("--lr") ? Double.parseDouble(o.get("--lr")) : init != null ? 7e-4 : 2e-3;
    int threads = Integer.parseInt(o.getOrDefault("--threads", Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()))));
    train(new Config(Integer.parseInt(o.getOrDefault("--epochs", "6")), Integer.parseInt(o.getOrDefault("--samples", "25000")),
        Long.parseLong(o.getOrDefault("--seed", "7")), threads, out, init, real, Double.parseDouble(o.getOrDefault("--real-fraction", "0.5")),
        fold, maxLr, Boolean.parseBoolean(o.getOrDefault("--augment", "false")), channels(o.get("--channels")),
        count("--hidden", o.getOrDefault("--hidden", Integer.toString(StripNet.HIDDEN_UNITS)))), System.out);
  }

  /** A positive count given for {@code option}; anything else ends the command with a message. */
  private static int count(String option, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) return n;
    } catch (NumberFormatException e) {
      // the message below says what was wrong
    }
    fail(option + " takes positive whole numbers, got '" + value + "'");
    return 0;
  }

  /** {@code --channels A,B,C}: the three convolution blocks' channels of a fresh network; absent: the shipped size. */
  private static int[] channels(String spec) {
    if (spec == null) return StripNet.defaultChannels();
    String[] parts = spec.split(",");
    if (parts.length != 3) fail("--channels takes three counts, as 8,16,32");
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) out[i] = count("--channels", parts[i]);
    return out;
  }

  private static void fail(String why) {
    System.err.println("anpr-train --strip: " + why);
    System.exit(2);
  }

  /** Trains as configured; returns the last network written. */
  static StripNet train(Config c, PrintStream log) throws Exception {
    List<RealStrips.Strip> real = List.of();
    if (c.real() != null) {
      long t0 = System.nanoTime();
      RealStrips.Loaded loaded = RealStrips.load(c.real());
      real = loaded.strips();
      loaded.counts().forEach(s -> log.println("real " + s));
      log.printf(Locale.ROOT, "real strips %d, cut in %.0f s%n", real.size(), (System.nanoTime() - t0) / 1e9);
    }
    StripNet last = null;
    if (c.fold() != null && c.fold().fold() < 0) {
      for (int f = 0; f < c.fold().split().folds(); f++) {
        Path out = Path.of(c.out().toString().replace("{fold}", Integer.toString(f + 1)));
        last = trainOne(c, real, c.fold().split(), f, out, log);
      }
    } else {
      FoldSplit split = c.fold() == null ? FoldSplit.DEFAULT : c.fold().split();
      last = trainOne(c, real, split, c.fold() == null ? -1 : c.fold().fold(), c.out(), log);
    }
    return last;
  }

  /** One network without fold {@code heldOut} (-1: every strip) from strips cut once, written to {@code out}. */
  static StripNet trainOne(Config c, List<RealStrips.Strip> all, FoldSplit split, int heldOut, Path out, PrintStream log)
      throws Exception {
    List<RealStrips.Strip> train = outside(all, split, heldOut);
    List<RealStrips.Strip> test = all.stream().filter(st -> heldOut >= 0 && split.foldOf(st.plate()) == heldOut).toList();
    StripNet net;
    if (c.init() != null) {
      try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(c.init()))) {
        net = StripNet.read(in);
      }
    } else {
      net = new StripNet(StripReader.CLASSES, c.channels(), c.hidden(), c.seed());
    }
    log.printf(Locale.ROOT, "training strip network%s: %d epochs x %d samples (%.0f%% real of %d strips%s), %d threads, seed %d, lr %.1e%s%n",
        heldOut < 0 ? "" : " without fold " + (heldOut + 1) + "/" + split.folds(), c.epochs(), c.samples(),
        train.isEmpty() ? 0 : c.realFraction() * 100, train.size(), c.augment() ? ", varied" : "", c.threads(), c.seed(), c.maxLr(),
        c.init() == null ? "" : ", from " + c.init());
    Adam adam = new Adam(net.parametersForTraining());
    ExecutorService pool = Executors.newFixedThreadPool(c.threads());
    List<Worker> workers = new ArrayList<>();
    for (int t = 0; t < c.threads(); t++) workers.add(new Worker(net, train, train.isEmpty() ? 0 : c.realFraction(), c.augment()));
    long step = 0, steps = (long) c.epochs() * (c.samples() / BATCH);
    try {
      for (int epoch = 0; epoch < c.epochs(); epoch++) {
        long t0 = System.nanoTime();
        for (int t = 0; t < workers.size(); t++) workers.get(t).random = new Random(c.seed() * 1_000_003L + epoch * 7919L + t);
        double loss = 0;
        int batches = c.samples() / BATCH;
        for (int b = 0; b < batches; b++, step++) {
          double minLr = c.maxLr() / 20;
          float lr = (float) (minLr + 0.5 * (c.maxLr() - minLr) * (1 + Math.cos(Math.PI * step / steps)));
          List<Future<Double>> parts = new ArrayList<>();
          int per = BATCH / workers.size();
          for (int t = 0; t < workers.size(); t++) {
            Worker w = workers.get(t);
            int count = t == workers.size() - 1 ? BATCH - per * (workers.size() - 1) : per;
            parts.add(pool.submit(() -> w.run(count)));
          }
          for (Future<Double> f : parts) loss += f.get();
          adam.step(workers.stream().map(w -> w.gradients.arrays()).toList(), BATCH, lr, CLIP);
          workers.forEach(w -> w.gradients.clear());
        }
        log.printf(Locale.ROOT, "epoch %2d  CTC loss %.3f%s  (%.0f s)%n", epoch + 1, loss / (batches * (double) BATCH),
            test.isEmpty() ? "" : String.format(Locale.ROOT, "  held-out strips read %.1f%%", 100 * accuracy(net, test)),
            (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
          net.write(os);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    log.println("wrote " + out.toAbsolutePath());
    return net;
  }

  /** The strips of the plates outside fold {@code heldOut} (every strip when it is -1). */
  static List<RealStrips.Strip> outside(List<RealStrips.Strip> all, FoldSplit split, int heldOut) {
    return all.stream().filter(st -> heldOut < 0 || split.foldOf(st.plate()) != heldOut).toList();
  }

  /** Share of strips whose best path is their label (O and 0 as one). */
  static double accuracy(StripNet net, List<RealStrips.Strip> strips) {
    CtcDecoder decoder = new CtcDecoder(GlyphAlphabet.CHARACTERS);
    int right = 0;
    for (RealStrips.Strip s : strips) {
      StringBuilder want = new StringBuilder();
      for (int k : s.label()) want.append(GlyphAlphabet.CHARACTERS.charAt(k));
      if (decoder.bestPath(net.logProbabilities(s.input())).replace('O', '0').equals(want.toString().replace('O', '0'))) right++;
    }
    return strips.isEmpty() ? 0 : (double) right / strips.size();
  }

  private static final class Worker {
    final StripNet.Training training;
    final io.corridor.anpr.nn.Gradients gradients;
    final List<RealStrips.Strip> real;
    final double realFraction;
    final boolean augment;
    final SyntheticStrips synthetic = new SyntheticStrips();
    Random random;

    Worker(StripNet net, List<RealStrips.Strip> real, double realFraction, boolean augment) {
      this.augment = augment;
      this.training = net.training();
      this.gradients = training.newGradients();
      this.real = real;
      this.realFraction = realFraction;
    }

    double run(int count) {
      double loss = 0;
      for (int i = 0; i < count; i++) {
        if (realFraction > 0 && random.nextDouble() < realFraction) {
          RealStrips.Strip s = real.get(random.nextInt(real.size()));
          loss += training.step(augment ? StripAugment.apply(s.input(), random) : contrast(s.input(), random), s.label(), gradients);
        } else {
          SyntheticStrips.Sample s = synthetic.next(random);
          loss += training.step(s.input(), s.label(), gradients);
        }
      }
      return loss;
    }

    /** A real strip with its contrast scaled by 0.75-1: the few thousand strips are drawn many times. */
    private static float[] contrast(float[] input, Random random) {
      float k = 0.75f + 0.25f * random.nextFloat();
      float[] out = new float[input.length];
      for (int i = 0; i < out.length; i++) out[i] = input[i] * k;
      return out;
    }
  }
}
