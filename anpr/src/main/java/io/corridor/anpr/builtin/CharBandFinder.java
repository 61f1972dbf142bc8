package io.corridor.anpr.builtin;

import io.corridor.anpr.image.Components;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds rows of character-like connected components in a binary image: the plate's characters
 * are blobs of similar height, roughly evenly spaced along a line. Pure Java on the binary image
 * and the labels of its connected components ({@link io.corridor.anpr.image.Components}, as OpenCV labels them).
 */
final class CharBandFinder {

  private final int minHeight;

  CharBandFinder(int minHeight) {
    this.minHeight = minHeight;
  }

  /**
   * @param components the binary image's connected components (label 0 = background)
   * @param gray the grey image the binary image came from, row-major
   * @param darkText whether the foreground of the binary image is darker than its background
   */
  List<CharBand> find(Components components, int width, int height, byte[] gray, boolean darkText) {
    int[] stats = components.stats;
    int nLabels = components.count;
    List<int[]> blobs = new ArrayList<>(); // label, x, y, w, h, area
    int maxHeight = Math.max(minHeight + 1, height / 4);
    for (int l = 1; l < nLabels; l++) {
      int x = stats[l * 5], y = stats[l * 5 + 1], w = stats[l * 5 + 2], h = stats[l * 5 + 3], area = stats[l * 5 + 4];
      if (h < minHeight || h > maxHeight || w < 2) {
        continue;
      }
      double aspect = (double) w / h;
      double fill = (double) area / (w * h);
      // A narrow blob may be solid (I, 1 at low resolution); a wide solid blob is a sticker or a hole.
      double maxFill = aspect < 0.35 ? 1.0 : 0.92;
      if (aspect < 0.08 || aspect > 1.25 || fill < 0.18 || fill > maxFill) {
        continue;
      }
      if (x == 0 || y == 0 || x + w >= width || y + h >= height) {
        continue;
      }
      blobs.add(new int[] {l, x, y, w, h, area});
    }
    blobs.sort(Comparator.comparingInt(b -> b[1]));
    int n = blobs.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      int[] a = blobs.get(i);
      // Link each blob to its nearest right-hand neighbour of similar height on the same line.
      int bestJ = -1;
      double bestGap = Double.MAX_VALUE;
      for (int j = i + 1; j < n; j++) {
        int[] b = blobs.get(j);
        int hMax = Math.max(a[4], b[4]);
        if (b[1] > a[1] + a[3] + 1.6 * hMax) {
          break;
        }
        double hRatio = (double) hMax / Math.min(a[4], b[4]);
        double dy = Math.abs((a[2] + a[4] / 2.0) - (b[2] + b[4] / 2.0));
        double gap = b[1] - (a[1] + a[3]);
        if (hRatio > 1.3 || dy > 0.3 * hMax || gap < -0.15 * hMax || b[1] <= a[1]) {
          continue;
        }
        if (gap < bestGap) {
          bestGap = gap;
          bestJ = j;
        }
      }
      if (bestJ >= 0) {
        union(parent, i, bestJ);
      }
    }
    List<List<int[]>> groups = new ArrayList<>();
    int[] groupOf = new int[n];
    Arrays.fill(groupOf, -1);
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      if (groupOf[r] < 0) {
        groupOf[r] = groups.size();
        groups.add(new ArrayList<>());
      }
      groups.get(groupOf[r]).add(blobs.get(i));
    }
    List<CharBand> bands = new ArrayList<>();
    for (List<int[]> g : groups) {
      if (g.size() < 4 || g.size() > 10) {
        continue;
      }
      double score = score(g);
      List<CharBand.Glyph> glyphs = new ArrayList<>();
      for (int[] b : g) {
        glyphs.add(new CharBand.Glyph(b[1], b[2], b[3], b[4], components.mask(b[0], b[1], b[2], b[3], b[4]), crop(gray, width, b)));
      }
      bands.add(new CharBand(glyphs, score, darkText));
    }
    bands.sort(Comparator.comparingDouble(CharBand::score).reversed());
    return bands;
  }

  private static double score(List<int[]> g) {
    double meanH = g.stream().mapToInt(b -> b[4]).average().orElse(1);
    double varH = g.stream().mapToDouble(b -> (b[4] - meanH) * (b[4] - meanH)).average().orElse(0);
    long thin = g.stream().filter(b -> (double) b[3] / b[4] < 0.3).count();
    double countScore = switch (g.size()) {
      case 5, 6, 7, 8 -> 1.0;
      case 4, 9 -> 0.6;
      default -> 0.3;
    };
    double thinPenalty = thin > g.size() / 2 ? 0.3 : 1.0;
    return countScore * thinPenalty / (1 + Math.sqrt(varH) / meanH * 5) * Math.log(meanH);
  }

  private static byte[] crop(byte[] gray, int width, int[] b) {
    byte[] c = new byte[b[3] * b[4]];
    for (int yy = 0; yy < b[4]; yy++) {
      System.arraycopy(gray, (b[2] + yy) * width + b[1], c, yy * b[3], b[3]);
    }
    return c;
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private static void union(int[] p, int a, int b) {
    p[find(p, a)] = find(p, b);
  }
}
