package io.corridor.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Plate text as stored and hashed: upper case, separators removed; the same normalisation as
 * ingest's {@code PlateText}, so a plate typed by an analyst finds the reads of that plate.
 */
public final class Plates {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-·.]");
  private static final Pattern ALLOWED = Pattern.compile("[A-Z0-9ČĆĐŠŽ]{2,12}");

  private Plates() {}

  /** The normalised plate; {@link BadRequest} on {@code field} when it cannot be a plate. */
  public static String normalize(String raw, String field) {
    String plate = SEPARATORS.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
    if (!ALLOWED.matcher(plate).matches()) {
      throw new BadRequest(field, field + " must be 2 to 12 letters or digits");
    }
    return plate;
  }
}
