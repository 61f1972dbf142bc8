package io.corridor.anpr;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the caller already knows about the plates expected in an image. Hints guide recognition and
 * post-processing; they never filter a plate out (a Kosovo camera also sees Albanian cars).
 *
 * @param country expected plate country, ISO 3166-1 alpha-2 upper case ("XK" for Kosovo), or null
 * @param region engine-specific region or pattern code (OpenALPR's default region, e.g. "rs"),
 *     or null
 */
public record RecognitionHints(String country, String region) {

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final RecognitionHints NONE = new RecognitionHints(null, null);

  /** Upper-cases the country and checks it is two letters; blank values become null. */
  public RecognitionHints {
    country = blankToNull(country);
    region = blankToNull(region);
    if (country != null) {
      country = country.toUpperCase(Locale.ROOT);
      if (!COUNTRY.matcher(country).matches()) {
        throw new IllegalArgumentException("country hint must be an ISO 3166-1 alpha-2 code such as XK or RS, got '" + country + "'");
      }
    }
  }

  /** No hints. */
  public static RecognitionHints none() {
    return NONE;
  }

  /** Only a country hint, e.g. {@code forCountry("XK")}. */
  public static RecognitionHints forCountry(String country) {
    return new RecognitionHints(country, null);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
