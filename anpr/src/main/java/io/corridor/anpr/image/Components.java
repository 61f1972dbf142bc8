package io.corridor.anpr.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The 8-connected components of a binary image, labelled and measured as OpenCV's
 * {@code connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S)} does on one
 * thread: the same labels per pixel and the same statistics per label. Done on runs of ink rather
 * than on pixels: a binary image of a road scene is mostly long runs, so each pixel is looked at
 * once while finding the runs and everything after works on runs. OpenCV's pass was a third of the
 * engine's CPU per photo, most of it per-pixel work and the copy of its label image into Java.
 *
 * <p>Numbering: OpenCV labels 2×2 blocks in raster order and numbers the components in the order of
 * their first block, so component {@code a} comes before {@code b} when its first block (by block
 * row, then block column) does. Label 0 is the background.
 */
public final class Components {

  /** {@link #stats} per label: left, top, width, height, area (OpenCV's {@code CC_STAT_*} order). */
  public static final int STATS = 5;

  /** How many labels, the background's included. */
  public final int count;
  /** {@value #STATS} values per label. */
  public final int[] stats;
  private final int width;
  private final int height;
  /** The runs of ink ({@code [x0, x1)}, row by row from {@code rowStart[y]}) and each run's label. */
  private final int[] x0;
  private final int[] x1;
  private final int[] rowStart;
  private final int[] runLabel;
  private int[] labels;

  private Components(int count, int[] stats, int width, int height, int[] x0, int[] x1, int[] rowStart, int[] runLabel) {
    this.count = count;
    this.stats = stats;
    this.width = width;
    this.height = height;
    this.x0 = x0;
    this.x1 = x1;
    this.rowStart = rowStart;
    this.runLabel = runLabel;
  }

  /** OpenCV's answer, for comparing with it. */
  Components(int count, int[] labels, int[] stats, int width) {
    this(count, stats, width, labels.length / Math.max(1, width), null, null, null, null);
    this.labels = labels;
  }

  /**
   * Label per pixel, row-major, 0 = background: made on the first call (the row finder needs only
   * {@link #mask}s of a few components, not the whole image's 4 bytes per pixel).
   */
  public int[] labels() {
    if (labels == null) {
      int[] out = new int[width * height];
      for (int y = 0; y < height; y++) {
        int row = y * width;
        for (int r = rowStart[y]; r < rowStart[y + 1]; r++) {
          java.util.Arrays.fill(out, row + x0[r], row + x1[r], runLabel[r]);
        }
      }
      labels = out;
    }
    return labels;
  }

  /**
   * Which pixels of the box ({@code x}, {@code y}, {@code w} × {@code h}) belong to component {@code
   * label}: {@code w*h}, row-major, the same as comparing {@link #labels} with it pixel by pixel.
   */
  public boolean[] mask(int label, int x, int y, int w, int h) {
    boolean[] m = new boolean[w * h];
    if (labels != null && x0 == null) { // OpenCV's labels
      for (int yy = 0; yy < h; yy++) {
        for (int xx = 0; xx < w; xx++) m[yy * w + xx] = labels[(y + yy) * width + x + xx] == label;
      }
      return m;
    }
    for (int yy = 0; yy < h; yy++) {
      for (int r = rowStart[y + yy]; r < rowStart[y + yy + 1] && x0[r] < x + w; r++) {
        if (runLabel[r] != label || x1[r] <= x) continue;
        int from = Math.max(x0[r], x) - x, to = Math.min(x1[r], x + w) - x;
        java.util.Arrays.fill(m, yy * w + from, yy * w + to, true);
      }
    }
    return m;
  }

  /**
   * @param bin row-major, {@code width} × {@code height}, 0 = background, any other value ink
   */
  public static Components of(byte[] bin, int width, int height) {
    Runs runs = Runs.of(bin, width, height);
    int n = runs.size;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = i;
    // Each run joins the runs of the row above that touch it, diagonally included.
    int prevStart = 0, prevEnd = 0;
    for (int y = 0; y < height; y++) {
      int start = runs.rowStart[y], end = runs.rowStart[y + 1];
      int p = prevStart;
      for (int r = start; r < end; r++) {
        int a = runs.x0[r], b = runs.x1[r];
        while (p < prevEnd && runs.x1[p] < a) p++; // ends left of this run's left neighbour
        // p stays: the last run joined may touch the next run of this row too
        int root = -1; // r's root once it touches a run above
        for (int q = p; q < prevEnd && runs.x0[q] <= b; q++) {
          int rq = find(parent, q);
          if (root < 0) {
            root = rq;
            parent[r] = rq;
          } else if (rq < root) {
            parent[root] = rq;
            parent[r] = rq;
            root = rq;
          } else if (rq > root) {
            parent[rq] = root;
          }
        }
      }
      prevStart = start;
      prevEnd = end;
    }
    // Each component's first block, left, top, right, bottom, area, kept at its root run.
    int blocksPerRow = (width + 1) >> 1;
    long[] key = new long[n];
    Arrays.fill(key, Long.MAX_VALUE);
    int[] acc = new int[n * STATS];
    int roots = 0;
    for (int y = 0; y < height; y++) {
      for (int r = runs.rowStart[y]; r < runs.rowStart[y + 1]; r++) {
        int root = find(parent, r);
        parent[r] = root; // flattened: the labels below look it up directly
        int a = runs.x0[r], b = runs.x1[r];
        long block = (long) (y >> 1) * blocksPerRow + (a >> 1);
        int s = root * STATS;
        if (key[root] == Long.MAX_VALUE) {
          roots++;
          acc[s] = a;
          acc[s + 1] = y;
          acc[s + 2] = b;
          key[root] = block;
        } else {
          acc[s] = Math.min(acc[s], a);
          acc[s + 2] = Math.max(acc[s + 2], b);
          key[root] = Math.min(key[root], block);
        }
        acc[s + 3] = y;
        acc[s + 4] += b - a;
      }
    }
    long[] order = new long[roots];
    int k = 0;
    for (int r = 0; r < n; r++) {
      if (parent[r] == r) order[k++] = key[r] << 32 | r; // a root is its own parent, flattened or not
    }
    Arrays.sort(order);
    int[] label = new int[n];
    int[] stats = new int[(roots + 1) * STATS];
    for (int i = 0; i < roots; i++) {
      int root = (int) order[i];
      label[root] = i + 1;
      int s = root * STATS, o = (i + 1) * STATS;
      stats[o] = acc[s];
      stats[o + 1] = acc[s + 1];
      stats[o + 2] = acc[s + 2] - acc[s];
      stats[o + 3] = acc[s + 3] - acc[s + 1] + 1;
      stats[o + 4] = acc[s + 4];
    }
    int[] runLabel = new int[n];
    for (int r = 0; r < n; r++) runLabel[r] = label[parent[r]];
    background(runs, width, height, stats);
    return new Components(roots + 1, stats, width, height, Arrays.copyOf(runs.x0, n), Arrays.copyOf(runs.x1, n),
        Arrays.copyOf(runs.rowStart, height + 1), runLabel);
  }

  /** Label 0's statistics: the box and count of the pixels that are no ink. */
  private static void background(Runs runs, int width, int height, int[] stats) {
    int left = width, right = -1, top = -1, bottom = -1;
    long ink = 0;
    for (int y = 0; y < height; y++) {
      int start = runs.rowStart[y], end = runs.rowStart[y + 1];
      for (int r = start; r < end; r++) ink += runs.x1[r] - runs.x0[r];
      int first = start < end && runs.x0[start] == 0 ? runs.x1[start] : 0;
      if (first >= width) continue; // the whole row is ink
      int last = start < end && runs.x1[end - 1] == width ? runs.x0[end - 1] - 1 : width - 1;
      left = Math.min(left, first);
      right = Math.max(right, last);
      if (top < 0) top = y;
      bottom = y;
    }
    if (top >= 0) {
      stats[0] = left;
      stats[1] = top;
      stats[2] = right - left + 1;
      stats[3] = bottom - top + 1;
    } else { // all ink: what OpenCV gives the empty background
      stats[0] = -1;
      stats[1] = Integer.MAX_VALUE;
    }
    stats[4] = (int) ((long) width * height - ink);
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  /** The image's runs of ink, row by row, left to right: {@code [x0, x1)} on row y. */
  private static final class Runs {
    private static final ThreadLocal<Runs> MINE = ThreadLocal.withInitial(Runs::new);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    int[] x0 = new int[1 << 16];
    int[] x1 = new int[1 << 16];
    int size;
    int[] rowStart = new int[1];

    /** This thread's runs of {@code bin}: the arrays are reused from one image to the next. */
    static Runs of(byte[] bin, int width, int height) {
      Runs runs = MINE.get();
      runs.size = 0;
      if (runs.rowStart.length < height + 1) runs.rowStart = new int[height + 1];
      for (int y = 0; y < height; y++) {
        runs.rowStart[y] = runs.size;
        int row = y * width, end = row + width, x = row;
        while (x < end) {
          x = skip(bin, x, end, true);
          if (x == end) break;
          int start = x;
          x = skip(bin, x, end, false);
          runs.add(start - row, x - row);
        }
      }
      runs.rowStart[height] = runs.size;
      return runs;
    }

    /** The first index from {@code x} below {@code end} that is ink ({@code background}) or background; {@code end} if none. */
    private static int skip(byte[] bin, int x, int end, boolean background) {
      // Eight pixels at a time: the first non-zero byte of a word, or its first zero byte (the
      // lowest byte flagged by the classic has-zero-byte test is always a zero byte).
      while (x + 8 <= end) {
        long word = (long) LONGS.get(bin, x);
        long hit = background ? word : (word - 0x0101_0101_0101_0101L) & ~word & 0x8080_8080_8080_8080L;
        if (hit != 0) return x + (Long.numberOfTrailingZeros(hit) >>> 3);
        x += 8;
      }
      while (x < end && (bin[x] == 0) == background) x++;
      return x;
    }

    private void add(int a, int b) {
      if (size == x0.length) {
        x0 = Arrays.copyOf(x0, size * 2);
        x1 = Arrays.copyOf(x1, size * 2);
      }
      x0[size] = a;
      x1[size] = b;
      size++;
    }
  }
}
