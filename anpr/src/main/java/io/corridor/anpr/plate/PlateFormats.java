package io.corridor.anpr.plate;

import static io.corridor.anpr.plate.Segment.DIGITS;
import static io.corridor.anpr.plate.Segment.LATIN;
import static io.corridor.anpr.plate.Segment.digits;
import static io.corridor.anpr.plate.Segment.letters;
import static io.corridor.anpr.plate.Segment.oneOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The plate formats Corridor knows: current civilian passenger-car plates of the countries whose
 * cars its cameras see most, plus a generic EU shape. Special series (police, military,
 * diplomatic, trailers, taxis, personalised) are left out on purpose: a format only helps
 * correction if most plates follow it, and a wrong "match" is worse than none.
 *
 * <p>Sources (Wikipedia "Vehicle registration plates of ..." and its mirrors, checked 2026):
 * <ul>
 *   <li>Kosovo: since 6 Dec 2010, RKS strip, district 01-07 (Pristina, Mitrovica, Peja, Prizren,
 *       Ferizaj, Gjilan, Gjakova), coat of arms, three digits, two serial letters: "01-234-AB".
 *       UNMIK-era "123-KS-456" plates are still issued for driving into Serbia.
 *   <li>Albania: since 16 Feb 2011, national series with no region: "AA 123 BB".
 *   <li>Serbia: since 1 Jan 2011, two-letter region code, three or four digits, hyphen, two
 *       letters: "BG 123-AB", "BG 1234-AB". Region codes may use Č Ć Đ Š Ž (e.g. ČA, ŠA).
 *   <li>North Macedonia: since 20 Feb 2012, region code, four digits, two letters: "SK 1234 AB";
 *       the 1993-2012 series with three digits ("SK 123-AB") is still valid.
 *   <li>Montenegro: since 6 Jun 2008, municipality code, coat of arms, two letters, three digits:
 *       "PG AB123"; serial letters exclude I, O, Q, W, X, Y.
 *   <li>Bosnia and Herzegovina: since 1998 (EU strip since 2009), no region: letter, two digits,
 *       letter, three digits "A12-E-345", letters only those alike in Latin and Cyrillic: A E J K
 *       M O T.
 *   <li>Czechia: since 2001, serial digit, region letter, five digits: "1A2 3456"; region letters
 *       A B C E H J K L M P S T U Z. Series with a letter in third place are left out: allowing
 *       one lets a B misread as 8 make a Slovak-style plate look Czech. On the Pan-European corridors
 *       Czech cars are common at the northern borders.
 *   <li>Generic EU: 1-3 letters, digits, up to 3 letters, at most 8 characters (French, Italian,
 *       German-style plates); only a shape check.
 * </ul>
 */
public final class PlateFormats {

  private static final String BA_LETTERS = "AEJKMOT";
  private static final String CZ_REGIONS = "ABCEHJKLMPSTUZ";
  // Montenegrin serials skip letters that look like digits or are not in the Serbian Latin alphabet.
  private static final String ME_SERIAL_LETTERS = "ABCDEFGHJKLMNPRSTUVZ";

  // Region codes in both the official spelling and the ASCII one an OCR engine without the
  // diacritics in its alphabet reads.
  private static final String[] MK_REGIONS = {
    "BE", "BT", "DB", "DE", "DH", "GE", "GV", "KA", "KI", "KO", "KP", "KS", "KU", "NE", "OH", "PP",
    "RA", "RE", "SK", "SN", "SR", "ST", "ŠT", "SU", "TE", "VE", "VI", "VV"
  };
  private static final String[] ME_MUNICIPALITIES = {
    "AN", "BA", "BD", "BP", "BR", "CT", "DG", "GS", "HN", "KL", "KO", "MK", "NK", "PG", "PL", "PT",
    "PŽ", "PZ", "PV", "RO", "ŠN", "SN", "TV", "TZ", "UL", "ZT", "ŽB", "ZB"
  };

  private static final PlateFormats STANDARD = new PlateFormats(List.of(
      new PlateFormat("XK", "XK", "01-234-AB",
          List.of(oneOf(DIGITS, "01", "02", "03", "04", "05", "06", "07"), digits(3), letters(2))),
      new PlateFormat("XK-UNMIK", "XK", "123-KS-456", List.of(digits(3), oneOf(LATIN, "KS"), digits(3))),
      new PlateFormat("BA", "BA", "A12-E-345",
          List.of(Segment.of(BA_LETTERS, 1), digits(2), Segment.of(BA_LETTERS, 1), digits(3))),
      new PlateFormat("ME", "ME", "PG AB123",
          List.of(oneOf(LATIN, ME_MUNICIPALITIES), Segment.of(ME_SERIAL_LETTERS, 2), digits(3))),
      new PlateFormat("MK", "MK", "SK 1234 AB", List.of(oneOf(LATIN, MK_REGIONS), digits(3, 4), letters(2))),
      new PlateFormat("AL", "AL", "AA 123 BB", List.of(letters(2), digits(3), letters(2))),
      new PlateFormat("RS", "RS", "BG 123-AB", List.of(letters(2), digits(3, 4), letters(2))),
      new PlateFormat("CZ", "CZ", "1A2 3456",
          List.of(digits(1), Segment.of(CZ_REGIONS, 1), digits(5))),
      new PlateFormat("EU", null, "AB 123 CD", List.of(letters(1, 3), digits(1, 4), letters(0, 3)), 8)));

  private final Map<String, PlateFormat> byId = new LinkedHashMap<>();

  /** A set of formats; their order breaks ties between equally good matches. */
  public PlateFormats(List<PlateFormat> formats) {
    for (PlateFormat format : formats) {
      if (byId.putIfAbsent(format.id(), format) != null) {
        throw new IllegalArgumentException("duplicate plate format id " + format.id());
      }
    }
  }

  /** The formats listed above, most specific first. */
  public static PlateFormats standard() {
    return STANDARD;
  }

  /** All formats, in tie-break order. */
  public List<PlateFormat> all() {
    return List.copyOf(byId.values());
  }

  /** The format with this id, e.g. "RS". */
  public Optional<PlateFormat> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * Whether normalised {@code text} fits one country's format exactly; the generic shapes do not
   * count, as nearly any short run of letters and digits fits them.
   */
  public boolean fitsCountryFormat(String text) {
    for (PlateFormat format : byId.values()) {
      if (!format.generic() && format.matches(text)) {
        return true;
      }
    }
    return false;
  }

  /** The formats of one country (ISO alpha-2, any case); empty for a country not covered. */
  public List<PlateFormat> forCountry(String country) {
    String code = country.toUpperCase(Locale.ROOT);
    return byId.values().stream().filter(f -> code.equals(f.country())).toList();
  }
}
