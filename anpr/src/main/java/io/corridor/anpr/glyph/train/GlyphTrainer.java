package io.corridor.anpr.glyph.train;

import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphNet;
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
 * [--seed N] [--out FILE]}. Deterministic for a seed and thread count: every worker draws its
 * samples from its own seeded generator.
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
  private final float[][] params;
  private final float[][] m;
  private final float[][] v;
  private long step;

  GlyphTrainer(GlyphNet net, int threads, long seed) {
    this.net = net;
    this.threads = threads;
    this.seed = seed;
    this.params = net.parametersForTraining();
    this.m = new float[params.length][];
    this.v = new float[params.length][];
    for (int i = 0; i < params.length; i++) {
      m[i] = new float[params[i].length];
      v[i] = new float[params[i].length];
    }
  }

  /** Command-line entry point. */
  public static void main(String[] args) throws Exception {
    int epochs = 12, samples = 100_000;
    long seed = 7;
    Path out = Path.of("anpr/src/main/resources/io/corridor/anpr/glyph/glyphs.cgn");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("usage: anpr-train [--epochs N] [--samples N per epoch] [--seed N] [--out FILE]");
          System.exit(2);
        }
      }
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    SyntheticGlyphs probe = new SyntheticGlyphs();
    System.out.printf(Locale.ROOT, "training glyph network: %d epochs x %d samples, %d threads, %d system fonts, seed %d%n",
        epochs, samples, threads, probe.systemFonts(), seed);
    GlyphNet net = new GlyphNet(GlyphAlphabet.CLASSES, seed);
    GlyphTrainer trainer = new GlyphTrainer(net, threads, seed);
    List<SyntheticGlyphs.Sample> validation = validationSet(4000, seed + 1_000_003);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int epoch = 0; epoch < epochs; epoch++) {
        long t0 = System.nanoTime();
        double loss = trainer.epoch(pool, epoch, epochs, samples);
        double acc = accuracy(net, validation);
        System.out.printf(Locale.ROOT, "epoch %2d  loss %.4f  synthetic validation accuracy %.2f%%  (%.0f s)%n",
            epoch + 1, loss, acc * 100, (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
          net.write(os);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("wrote " + out.toAbsolutePath());
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
      float lr = (float) (1e-4 + 0.5 * (2e-3 - 1e-4) * (1 + Math.cos(Math.PI * progress)));
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
    step++;
    float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
    List<float[][]> grads = workers.stream().map(w -> w.gradients.arrays()).toList();
    for (int i = 0; i < params.length; i++) {
      float[] p = params[i], mi = m[i], vi = v[i];
      for (int j = 0; j < p.length; j++) {
        float g = 0;
        for (float[][] gw : grads) g += gw[i][j];
        g /= BATCH;
        mi[j] = b1 * mi[j] + (1 - b1) * g;
        vi[j] = b2 * vi[j] + (1 - b2) * g * g;
        p[j] -= (float) (lr * (mi[j] / c1) / (Math.sqrt(vi[j] / c2) + eps));
      }
    }
    workers.forEach(w -> w.gradients.clear());
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
        SyntheticGlyphs.Sample s = generator.next(random);
        java.util.Arrays.fill(target, LABEL_SMOOTHING / GlyphAlphabet.CLASSES);
        target[s.label()] += 1 - LABEL_SMOOTHING;
        loss += training.step(s.input(), target, gradients);
      }
      return loss;
    }
  }
}
