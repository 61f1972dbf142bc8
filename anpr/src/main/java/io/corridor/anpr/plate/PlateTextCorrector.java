package io.corridor.anpr.plate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an engine's raw reading into plate texts that fit known formats: normalises it, then for
 * each format swaps OCR-confusable characters where the format demands a letter or a digit.
 * Plain and stateless; thread-safe.
 */
public final class PlateTextCorrector {

  // Cyrillic capitals that look like Latin ones. Bosnian and Macedonian plates are read by
  // engines trained on both scripts; the plate itself only carries the Latin letters.
  private static final String CYRILLIC = "АВЕЈКМНОРСТХУ";
  private static final String LATIN_TWIN = "ABEJKMHOPCTXY";

  private final PlateFormats formats;

  /** A corrector over the {@link PlateFormats#standard() standard} formats. */
  public PlateTextCorrector() {
    this(PlateFormats.standard());
  }

  /** A corrector over the given formats. */
  public PlateTextCorrector(PlateFormats formats) {
    this.formats = formats;
  }

  /**
   * Upper case, Cyrillic look-alikes mapped to Latin, and every character that is not a letter or
   * digit (spaces, hyphens, dots, the coat of arms an engine read as "·") removed. Letters with
   * diacritics (Č, Š, Ž) are kept: they are part of Serbian and Montenegrin region codes.
   */
  public static String normalize(String raw) {
    String composed = Normalizer.normalize(raw, Normalizer.Form.NFC).toUpperCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(composed.length());
    for (int i = 0; i < composed.length(); i++) {
      char c = composed.charAt(i);
      int cyrillic = CYRILLIC.indexOf(c);
      if (cyrillic >= 0) {
        out.append(LATIN_TWIN.charAt(cyrillic));
      } else if (Character.isLetterOrDigit(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Every format the reading can be made to fit, best first. Each fit costs its swaps, plus one
   * when the format is not of the hinted country, plus one when it is the generic EU shape: a hint
   * or a country format outweighs one swap, not two (a Kosovo plate read exactly stays Kosovan
   * under a Serbian hint, rather than becoming a Serbian-shaped text with two swaps). Ties go to
   * the hinted country, then to country formats, then to format order.
   *
   * @param raw the engine's reading, separators and all
   * @param countryHint ISO alpha-2 country expected, or null
   */
  public List<FormatMatch> matches(String raw, String countryHint) {
    String text = normalize(raw);
    List<FormatMatch> found = new ArrayList<>();
    for (PlateFormat format : formats.all()) {
      format.correct(text).ifPresent(found::add);
    }
    List<PlateFormat> order = formats.all();
    String hint = countryHint == null ? null : countryHint.toUpperCase(Locale.ROOT);
    found.sort(Comparator.<FormatMatch>comparingInt(m -> cost(m, hint))
        .thenComparing(m -> hint == null || !hint.equals(m.country()))
        .thenComparing(m -> m.format().generic())
        .thenComparingInt(m -> order.indexOf(m.format())));
    return found;
  }

  private static int cost(FormatMatch match, String hint) {
    int cost = match.substitutions();
    if (hint != null && !hint.equals(match.country())) {
      cost++;
    }
    if (match.format().generic()) {
      cost++;
    }
    return cost;
  }

  /** The first of {@link #matches}, or empty when the reading fits no known format. */
  public Optional<FormatMatch> best(String raw, String countryHint) {
    List<FormatMatch> all = matches(raw, countryHint);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
  }
}
