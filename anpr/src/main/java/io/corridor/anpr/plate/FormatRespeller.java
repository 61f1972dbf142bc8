package io.corridor.anpr.plate;

import java.util.List;
import java.util.Optional;

/**
 * Lets formats that are too loose to decode against ({@link PlateFormats#SHAPE_ONLY}) still choose
 * between look-alike characters ({@link LookAlikes}): a German "F WE 50" read as {@code FWE5O}
 * fits only the generic EU shape with a letter O, yet Germany prints digits at the end, so the O
 * is a 0. A reading is respelled to a format's best text for the same glyphs when that text
 * differs from it only in look-alike pairs, each swapped character at least {@value #MIN_RATIO}
 * times as probable as the one it replaces (O and 0 are pooled by the caller, so between those two
 * the format alone decides). Anything more than a look-alike swap stays as read: a free fit to
 * these formats pulled US plates into Turkish and Austrian shapes.
 */
public final class FormatRespeller {

  /** How probable a swapped-in character must be against the one read, O and 0 pooled. */
  public static final double MIN_RATIO = 0.5;

  private final FormatDecoder decoder;
  private final String alphabet;

  /**
   * @param formats the formats that may respell (the shape-only ones)
   * @param alphabet the characters the per-position probabilities refer to, in order
   */
  public FormatRespeller(PlateFormats formats, String alphabet) {
    this.decoder = new FormatDecoder(formats, alphabet);
    this.alphabet = alphabet;
  }

  /** The formats' best fits of one run of glyphs, ready to respell readings of exactly those glyphs. */
  public Part part(List<float[]> probabilities) {
    return new Part(decoder.decode(probabilities), probabilities);
  }

  /** One run of glyphs and its formats' best fits. */
  public final class Part {
    private final List<FormatDecoder.Fit> fits;
    private final List<float[]> probabilities;

    private Part(List<FormatDecoder.Fit> fits, List<float[]> probabilities) {
      this.fits = fits;
      this.probabilities = probabilities;
    }

    /**
     * The most probable fit that is {@code text} with look-alikes swapped, if any may replace it;
     * none when {@code text} already fits one of the formats as it is (with O and 0 pooled, the
     * German "BSB 0399" and "BSBO 399" are equally good fits: the reading's own spelling stands).
     */
    public Optional<FormatDecoder.Fit> respell(String text) {
      for (FormatDecoder.Fit fit : fits) {
        if (fit.format().matches(text)) {
          return Optional.empty();
        }
      }
      FormatDecoder.Fit best = null;
      for (FormatDecoder.Fit fit : fits) {
        if (LookAlikes.respells(text, fit.text()) && plausible(text, fit.text()) && (best == null || fit.logP() > best.logP())) {
          best = fit;
        }
      }
      return Optional.ofNullable(best);
    }

    private boolean plausible(String read, String respelled) {
      for (int i = 0; i < read.length(); i++) {
        if (read.charAt(i) != respelled.charAt(i)) {
          int was = alphabet.indexOf(read.charAt(i)), now = alphabet.indexOf(respelled.charAt(i));
          float[] p = probabilities.get(i);
          if (was < 0 || now < 0 || p[now] < MIN_RATIO * p[was]) {
            return false;
          }
        }
      }
      return true;
    }
  }
}
