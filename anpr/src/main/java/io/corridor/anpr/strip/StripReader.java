package io.corridor.anpr.strip;

import io.corridor.anpr.glyph.GlyphAlphabet;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a whole plate row with the trained {@link StripNet} shipped in this module
 * ({@value #RESOURCE}, made by {@code bin/corridor anpr-train --strip}): the few most probable
 * texts with their probabilities. Thread-safe.
 */
public final class StripReader {

  /** Class-path location of the trained network. */
  public static final String RESOURCE = "/io/corridor/anpr/strip/strip.csn";
  /** Classes: the plate characters, then the CTC blank. */
  public static final int CLASSES = GlyphAlphabet.CHARACTERS.length() + 1;
  private static final int BEAM = 8;
  /** Classes below this probability in a column are not extended in the beam. */
  private static final double MIN_LOG_P = Math.log(1e-3);

  private final StripNet net;
  private final CtcDecoder decoder = new CtcDecoder(GlyphAlphabet.CHARACTERS);

  /** A reader over a given network. */
  public StripReader(StripNet net) {
    if (net.classes() != CLASSES) {
      throw new IllegalArgumentException("strip network has " + net.classes() + " classes, expected " + CLASSES);
    }
    this.net = net;
  }

  /**
   * The network shipped in this module.
   *
   * @throws UncheckedIOException the resource is missing or unreadable (a broken build)
   */
  public static StripReader shipped() {
    try (InputStream in = StripReader.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("strip network " + RESOURCE + " is not on the class path; run 'bin/corridor anpr-train --strip'");
      }
      return new StripReader(StripNet.read(new BufferedInputStream(in)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the strip network: " + e.getMessage(), e);
    }
  }

  /**
   * A network from a file (the benchmark's fold models).
   *
   * @throws UncheckedIOException the file is missing or not a strip network
   */
  public static StripReader load(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return new StripReader(StripNet.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the strip network " + file + ": " + e.getMessage(), e);
    }
  }

  /** The per-column log-probabilities of one {@link StripInput}, for {@link #perCharacter}. */
  public float[][] columns(float[] strip) {
    double[][] logP = net.logProbabilities(strip);
    float[][] out = new float[logP.length][];
    for (int t = 0; t < logP.length; t++) {
      out[t] = new float[logP[t].length];
      for (int c = 0; c < out[t].length; c++) out[t][c] = (float) logP[t][c];
    }
    return out;
  }

  /**
   * The strip's probability of {@code text} over all its alignments, to the power of one over its
   * length; 0 for a text with a character outside the alphabet or too long for the strip.
   */
  public double perCharacter(float[][] columns, String text) {
    int[] label = new int[text.length()];
    for (int i = 0; i < label.length; i++) {
      label[i] = GlyphAlphabet.CHARACTERS.indexOf(text.charAt(i));
      if (label[i] < 0) return 0;
    }
    if (label.length == 0) return 0;
    // Log-probabilities are their own log-softmax, so the loss reads them as scores.
    return Math.exp(-Ctc.loss(columns, label, CLASSES - 1, null) / label.length);
  }

  /** {@link #perCharacter} of the best path's text: what the strip gives its own first choice (0 for an empty one). */
  public double bestPerCharacter(float[][] columns) {
    double[][] logP = new double[columns.length][];
    for (int t = 0; t < columns.length; t++) {
      logP[t] = new double[columns[t].length];
      for (int c = 0; c < columns[t].length; c++) logP[t][c] = columns[t][c];
    }
    return perCharacter(columns, decoder.bestPath(logP));
  }

  /** The {@code topK} most probable texts of a strip's {@link #columns}, most probable first. */
  public List<CtcDecoder.Text> texts(float[][] columns, int topK) {
    double[][] logP = new double[columns.length][];
    for (int t = 0; t < columns.length; t++) {
      logP[t] = new double[columns[t].length];
      for (int c = 0; c < columns[t].length; c++) logP[t][c] = columns[t][c];
    }
    return decoder.beam(logP, BEAM, topK, MIN_LOG_P);
  }

  /** The {@code topK} most probable texts of one {@link StripInput}, most probable first. */
  public List<CtcDecoder.Text> read(float[] strip, int topK) {
    return decoder.beam(net.logProbabilities(strip), BEAM, topK, MIN_LOG_P);
  }
}
