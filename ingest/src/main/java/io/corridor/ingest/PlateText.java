package io.corridor.ingest;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The plate text Corridor stores and hashes: upper case, separators removed. Allowed characters
 * are A-Z, 0-9 and the letters Serbian and Bosnian plates use (Č Ć Đ Š Ž).
 */
public final class PlateText {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-·.]");
  private static final Pattern ALLOWED = Pattern.compile("[A-Z0-9ČĆĐŠŽ]{2,12}");

  private PlateText() {}

  /** Upper case with spaces, dashes, dots and middle dots removed. */
  public static String normalize(String raw) {
    return SEPARATORS.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
  }

  /** Whether normalised text has only allowed characters and 2 to 12 of them. */
  public static boolean isValid(String normalized) {
    return ALLOWED.matcher(normalized).matches();
  }
}
