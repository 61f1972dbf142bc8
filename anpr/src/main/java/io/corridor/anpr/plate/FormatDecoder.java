package io.corridor.anpr.plate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pattern-guided decoding for engines that give a probability per character and position: for
 * each plate format, the most probable text that fits it, found by dynamic programming over the
 * format's runs. Unlike swapping confusable characters in a finished reading, this weighs every
 * alternative by how likely the recogniser found it, so a B the network was unsure of becomes an
 * 8 in a digit run, but a clear K never becomes anything else.
 */
public final class FormatDecoder {

  private final PlateFormats formats;
  private final String alphabet;
  /**
   * Per segment alphabet, which of {@link #alphabet}'s characters it allows: asking the segment
   * character by character was a few per cent of the engine's CPU per photo.
   */
  private final java.util.Map<String, boolean[]> allowed = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param alphabet the characters the per-position probabilities refer to, in order
   */
  public FormatDecoder(PlateFormats formats, String alphabet) {
    this.formats = formats;
    this.alphabet = alphabet;
  }

  /** A format's best fit: its text and the sum of the natural logs of its characters' probabilities. */
  public record Fit(String text, PlateFormat format, double logP) {}

  /**
   * The best fit of every format the sequence can be made to fit, in the formats' order.
   *
   * @param probabilities per position, one probability per {@link #alphabet} character
   */
  public List<Fit> decode(List<float[]> probabilities) {
    List<Fit> fits = new ArrayList<>();
    for (PlateFormat format : formats.all()) {
      decode(format, probabilities).ifPresent(fits::add);
    }
    return fits;
  }

  /** The most probable text of {@code format}, if the sequence's length fits it at all. */
  public Optional<Fit> decode(PlateFormat format, List<float[]> p) {
    int n = p.size();
    if (n > format.maxLength()) {
      return Optional.empty();
    }
    List<Segment> segments = format.segments();
    int k = segments.size();
    double[][] best = new double[k + 1][n + 1];
    String[][] text = new String[k + 1][n + 1];
    for (double[] row : best) java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
    best[0][0] = 0;
    text[0][0] = "";
    for (int s = 0; s < k; s++) {
      Segment segment = segments.get(s);
      for (int pos = 0; pos <= n; pos++) {
        if (best[s][pos] == Double.NEGATIVE_INFINITY) continue;
        if (segment.values().isEmpty()) {
          double run = 0;
          StringBuilder sb = new StringBuilder();
          if (segment.minLength() == 0) relax(best, text, s + 1, pos, best[s][pos], text[s][pos]);
          for (int len = 1; len <= segment.maxLength() && pos + len <= n; len++) {
            int at = pos + len - 1;
            int c = bestIn(segment, p.get(at));
            if (c < 0) break;
            run += Math.log(Math.max(1e-9, p.get(at)[c]));
            sb.append(alphabet.charAt(c));
            if (len >= segment.minLength()) {
              relax(best, text, s + 1, pos + len, best[s][pos] + run, text[s][pos] + sb);
            }
          }
        } else {
          for (String code : segment.values()) {
            if (pos + code.length() > n) continue;
            double run = 0;
            for (int j = 0; j < code.length() && run > Double.NEGATIVE_INFINITY; j++) {
              int c = alphabet.indexOf(code.charAt(j));
              run = c < 0 ? Double.NEGATIVE_INFINITY : run + Math.log(Math.max(1e-9, p.get(pos + j)[c]));
            }
            if (run > Double.NEGATIVE_INFINITY) {
              relax(best, text, s + 1, pos + code.length(), best[s][pos] + run, text[s][pos] + code);
            }
          }
        }
      }
    }
    return best[k][n] == Double.NEGATIVE_INFINITY ? Optional.empty() : Optional.of(new Fit(text[k][n], format, best[k][n]));
  }

  private static void relax(double[][] best, String[][] text, int s, int pos, double score, String t) {
    if (score > best[s][pos]) {
      best[s][pos] = score;
      text[s][pos] = t;
    }
  }

  /** Index of the most probable character the segment allows, or -1. */
  private int bestIn(Segment segment, float[] p) {
    boolean[] allows = allowed.computeIfAbsent(segment.alphabet(), a -> {
      boolean[] m = new boolean[alphabet.length()];
      for (int c = 0; c < m.length; c++) m[c] = segment.allows(alphabet.charAt(c));
      return m;
    });
    int best = -1;
    for (int c = 0; c < allows.length; c++) {
      if (allows[c] && (best < 0 || p[c] > p[best])) best = c;
    }
    return best;
  }
}
