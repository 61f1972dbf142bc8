package io.corridor.anpr.glyph;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Classifies single character crops with the trained {@link GlyphNet} shipped in this module
 * ({@value #RESOURCE}, made by {@code bin/corridor anpr-train}). Thread-safe.
 */
public final class GlyphClassifier {

  /** Class-path location of the trained network. */
  public static final String RESOURCE = "/io/corridor/anpr/glyph/glyphs.cgn";
  /**
   * Class-path location of the network trained on synthetic characters only: the starting point
   * that {@code anpr-train --real} fine-tunes, and the fixed network that places labels on real
   * plates' cuts, so that training on real data is reproducible.
   */
  public static final String SYNTHETIC_RESOURCE = "/io/corridor/anpr/glyph/glyphs-synthetic.cgn";

  private final GlyphNet net;

  /** A classifier over a given network. */
  public GlyphClassifier(GlyphNet net) {
    if (net.classes() != GlyphAlphabet.CLASSES) {
      throw new IllegalArgumentException("glyph network has " + net.classes() + " classes, expected " + GlyphAlphabet.CLASSES);
    }
    this.net = net;
  }

  /**
   * The network shipped in this module.
   *
   * @throws UncheckedIOException the resource is missing or unreadable (a broken build)
   */
  public static GlyphClassifier shipped() {
    return new GlyphClassifier(network(RESOURCE));
  }

  /**
   * A network on the class path ({@link #RESOURCE} or {@link #SYNTHETIC_RESOURCE}).
   *
   * @throws UncheckedIOException the resource is missing or unreadable (a broken build)
   */
  public static GlyphNet network(String resource) {
    try (InputStream in = GlyphClassifier.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("glyph network " + resource + " is not on the class path; run 'bin/corridor anpr-train'");
      }
      return GlyphNet.read(new BufferedInputStream(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the glyph network: " + e.getMessage(), e);
    }
  }

  /**
   * Probability of each class ({@link GlyphAlphabet} order) for one character crop.
   *
   * @param gray the crop, {@code w*h} grey bytes, row-major
   * @param darkText whether the ink is darker than the background
   */
  public float[] classify(byte[] gray, int w, int h, boolean darkText) {
    return net.classify(GlyphInput.of(gray, w, h, darkText));
  }
}
