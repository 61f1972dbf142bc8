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
 *   <li>Slovenia: since 2008, region code (CE GO KK KP KR LJ MB MS NM PO SG), coat of arms, then
 *       five letters and digits in a few layouts ("LJ 48-2NK", "MB AB-123"); only the region is
 *       checked strictly.
 *   <li>Croatia: city code, three or four digits, one or two letters: "ZG 1234-AB"; codes with
 *       Č Š Ž also in their ASCII spelling.
 *   <li>Greece: three letters from those alike in Greek and Latin (A B E H I K M N O P T X Y Z),
 *       four digits: "ΙΚΥ 1234" read as "IKY1234".
 *   <li>Bulgaria: province code of one or two Cyrillic letters alike in Latin, four digits, two
 *       serial letters: "CA 1234 AB".
 *   <li>Romania: county code, two digits (two or three in Bucharest), three letters: "CJ 12 ABC",
 *       "B 123 ABC".
 *   <li>Hungary: three letters and three digits "ABC-123", since 2022 four letters "AA BC-123".
 *   <li>Austria: district code of one or two letters (the list below), then one to five digits
 *       and one to three letters on standard plates: "W 12345 A", "G 123 AB".
 *   <li>Italy: since 1994, two letters, three digits, two letters, without I O Q U: "AB 123 CD".
 *   <li>Germany: district of one to three letters, one or two letters, one to four digits, at most
 *       eight characters, an optional E (electric) or H (historic): "B AB 1234", "M X 12E".
 *   <li>Turkey: province 01-81, one to three letters, two to four digits: "34 ABC 123".
 *   <li>United Kingdom: since September 2001, two letters (area), two digits (age), three letters:
 *       "AB51 ABC".
 *   <li>Norway: since 1971, two letters and five digits: "AB 12345" (also the electric EL, EK, EV
 *       series).
 *   <li>Slovakia: since 1997, district code of two letters, three digits, two letters: "BA-123AB";
 *       since 2023 the first two letters are a national series, no longer a district, in the same
 *       shape. Albanian and Serbian plates share it, so a Slovak-shaped reading names no country.
 *   <li>Ukraine: since 2004, region of two letters, four digits, two serial letters: "AA 1234 BB",
 *       all letters Cyrillic ones alike in Latin (A B C E H I K M O P T X). Serbian plates share
 *       the shape.
 *   <li>Poland: since 2000, two or three letters (voivodeship, then county), then four or five
 *       characters starting with a digit, at most two of them letters: "WA 12345", "KR 1AB23",
 *       "KRA 12AB"; only the shape is checked (at most two letters cannot be said by runs).
 *   <li>Moldova: since 2015, three letters and three digits, no district: "ABC 123"; the plates of
 *       before, still valid, a district of one or two letters, two series letters and one to three
 *       digits: "CH AB 123". Both are Hungarian shapes too.
 *   <li>Generic EU: 1-3 letters, digits, up to 3 letters, at most 8 characters (French, Italian,
 *       German-style plates); only a shape check. A digits-first generic shape was tried and left
 *       out: it let the corrector swap letters into digits on texts that fit nothing.
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

  private static final String[] SI_REGIONS = {"CE", "GO", "KK", "KP", "KR", "LJ", "MB", "MS", "NM", "PO", "SG"};
  private static final String[] HR_CITIES = {
    "BJ", "BM", "ČK", "CK", "DA", "DE", "DJ", "DU", "GS", "IM", "KA", "KC", "KR", "KT", "KŽ", "KZ", "MA", "NA", "NG",
    "OG", "OS", "PS", "PU", "RI", "SB", "SK", "SL", "ST", "ŠI", "SI", "VK", "VT", "VU", "VŽ", "VZ", "ZD", "ZG", "ŽU", "ZU"
  };
  private static final String GR_LETTERS = "ABEHIKMNOPTXYZ";
  private static final String BG_LETTERS = "ABCEHKMOPTXY";
  private static final String[] BG_PROVINCES = {
    "A", "B", "BH", "BP", "BT", "C", "CA", "CB", "CH", "CM", "CO", "CC", "CT", "E", "EB", "EH", "H", "K", "KH", "M",
    "OB", "P", "PA", "PB", "PK", "PP", "T", "TX", "X", "Y"
  };
  private static final String[] RO_COUNTIES = {
    "AB", "AR", "AG", "BC", "BH", "BN", "BT", "BV", "BR", "BZ", "CS", "CL", "CJ", "CT", "CV", "DB", "DJ", "GL", "GR",
    "GJ", "HR", "HD", "IL", "IS", "IF", "MM", "MH", "MS", "NT", "OT", "PH", "SM", "SJ", "SB", "SV", "TR", "TM", "TL",
    "VS", "VL", "VN"
  };
  private static final String UA_LETTERS = "ABCEHIKMOPTX";
  // Poland's voivodeships: the first letter of every district code.
  private static final String PL_VOIVODESHIPS = "BCDEFGKLNOPRSTWZ";
  private static final String IT_LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ";
  private static final String ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String[] TR_PROVINCES = provinces(81);
  // District codes in use on standard plates (the state capitals' W G L S I K E P, and the districts).
  private static final String[] AT_DISTRICTS = {
    "W", "G", "L", "S", "I", "K", "E", "P", "AM", "BA", "BL", "BM", "BN", "BR", "BZ", "DL", "DO", "EF", "EU", "FB",
    "FE", "FF", "FK", "FR", "GB", "GD", "GF", "GM", "GR", "GS", "GU", "HA", "HB", "HE", "HF", "HL", "HO", "IL", "IM",
    "JE", "JO", "JU", "KB", "KF", "KI", "KL", "KO", "KR", "KS", "KU", "LA", "LB", "LE", "LF", "LI", "LL", "LN", "LZ",
    "MA", "MD", "ME", "MI", "MT", "MU", "MZ", "ND", "NK", "OP", "OW", "PE", "PL", "PT", "RA", "RE", "RI", "RO", "SB",
    "SD", "SE", "SL", "SO", "SP", "SR", "ST", "SV", "SW", "SZ", "TA", "TU", "UU", "VB", "VI", "VK", "VL", "VO", "WB",
    "WE", "WL", "WN", "WO", "WT", "WU", "WY", "WZ", "ZE", "ZT", "ZW"
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
      new PlateFormat("SI", "SI", "LJ 48-2NK", List.of(oneOf(LATIN, SI_REGIONS),
          new Segment(ASCII_LETTERS + DIGITS, 5, 5, java.util.Set.of()))),
      new PlateFormat("HR", "HR", "ZG 1234-AB", List.of(oneOf(LATIN, HR_CITIES), digits(3, 4), letters(1, 2))),
      new PlateFormat("GR", "GR", "IKY 1234", List.of(Segment.of(GR_LETTERS, 3), digits(4))),
      new PlateFormat("BG", "BG", "CA 1234 AB", List.of(oneOf(BG_LETTERS, BG_PROVINCES), digits(4), Segment.of(BG_LETTERS, 2))),
      new PlateFormat("RO", "RO", "CJ 12 ABC", List.of(oneOf(LATIN, RO_COUNTIES), digits(2), Segment.of(ASCII_LETTERS, 3))),
      new PlateFormat("RO-B", "RO", "B 123 ABC", List.of(oneOf(LATIN, "B"), digits(2, 3), Segment.of(ASCII_LETTERS, 3))),
      new PlateFormat("SK", "SK", "BA-123AB", List.of(letters(2), digits(3), letters(2))),
      new PlateFormat("UA", "UA", "AA 1234 BB", List.of(Segment.of(UA_LETTERS, 2), digits(4), Segment.of(UA_LETTERS, 2))),
      new PlateFormat("HU", "HU", "ABC-123", List.of(new Segment(ASCII_LETTERS, 3, 4, java.util.Set.of()), digits(3))),
      new PlateFormat("IT", "IT", "AB 123 CD", List.of(Segment.of(IT_LETTERS, 2), digits(3), Segment.of(IT_LETTERS, 2))),
      new PlateFormat("DE", "DE", "B AB 1234", List.of(new Segment(ASCII_LETTERS, 2, 5, java.util.Set.of()), digits(1, 4),
          new Segment("EH", 0, 1, java.util.Set.of())), 9),
      new PlateFormat("AT", "AT", "W 12345 A", List.of(oneOf(LATIN, AT_DISTRICTS), digits(1, 5), letters(1, 3)), 8),
      new PlateFormat("TR", "TR", "34 ABC 123", List.of(oneOf(DIGITS, TR_PROVINCES), new Segment(ASCII_LETTERS, 1, 3,
          java.util.Set.of()), digits(2, 4)), 8),
      new PlateFormat("GB", "GB", "AB51 ABC", List.of(letters(2), digits(2), letters(3))),
      new PlateFormat("NO", "NO", "AB 12345", List.of(letters(2), digits(5))),
      new PlateFormat("PL", "PL", "KR 1AB23", List.of(Segment.of(PL_VOIVODESHIPS, 1), new Segment(ASCII_LETTERS, 1, 2,
          java.util.Set.of()), digits(1), new Segment(ASCII_LETTERS + DIGITS, 3, 4, java.util.Set.of())), 8),
      new PlateFormat("PL-3", "PL", "KRA A123", List.of(Segment.of(PL_VOIVODESHIPS, 1), letters(2),
          new Segment(ASCII_LETTERS, 1, 2, java.util.Set.of()), new Segment(ASCII_LETTERS + DIGITS, 2, 3, java.util.Set.of())), 7),
      new PlateFormat("MD", "MD", "ABC 123", List.of(Segment.of(ASCII_LETTERS, 3), digits(3))),
      new PlateFormat("MD-1992", "MD", "CH AB 123", List.of(new Segment(ASCII_LETTERS, 3, 4, java.util.Set.of()), digits(1, 3))),
      new PlateFormat("EU", null, "AB 123 CD", List.of(letters(1, 3), digits(1, 4), letters(0, 3)), 8)));

  /**
   * Standard-issue passenger serials of the United States, by the shape of the serial (no state
   * names a format: each state and the District of Columbia issue their own series, several states
   * the same shape). Sources: Wikipedia "United States license plate designs and serial formats"
   * (revisions of 2014 and 2022 and its mirrors) and the states' "Vehicle registration plates of
   * ..." pages, checked 2026; letters are not restricted (most states skip I, O and Q, not all).
   * Left out on purpose: all-digit serials (Delaware's and Rhode Island's six digits; a row of a
   * sign's digits fits them), county-coded serials (Alabama, Montana, Nebraska, South Dakota,
   * Wyoming, Idaho: a county number then a short serial, too loose) and vanity plates.
   * <ul>
   *   <li>{@code US-1ABC234}: a digit, three letters, three digits: California since 1980.
   *   <li>{@code US-ABC1234}: three letters, four digits: Georgia, Michigan, Mississippi, New York,
   *       North Carolina, Ohio, Pennsylvania, Tennessee, Texas, Virginia, Washington, Wisconsin
   *       (Arizona before its current series).
   *   <li>{@code US-ABC123}: three letters, three digits: Alaska, Hawaii, Iowa, Louisiana, Maine,
   *       Minnesota, New Mexico, North Dakota, Oklahoma, South Carolina, Vermont and others.
   *   <li>{@code US-123ABC}: three digits, three letters: Oregon, Nevada and others (the sources'
   *       "ABC-123 or 123-ABC").
   *   <li>{@code US-AB1C2D}: two letters, a digit, a letter, a digit, a letter: Missouri since 2008
   *       ("AB1 C2D", the first letter coded by the month of expiration; the validation tab sits
   *       between the two halves). The shared US photos' most common label shape; their plates
   *       show Missouri's tab centred and St. Louis dealers' frames.
   *   <li>{@code US-1AB2345}: a digit, two letters, four digits: Maryland.
   *   <li>{@code US-AB12345}: two letters, five digits: Illinois and Connecticut.
   *   <li>{@code US-A123456}: a letter, six digits: Illinois ("A12 3456", before "AB 12345").
   *   <li>{@code US-ABC12D}: three letters, two digits, a letter: Arkansas.
   *   <li>{@code US-ABCD12}: four letters, two digits: Colorado and Florida ("ABC-D12").
   *   <li>{@code US-A12BCD}: a letter, two digits, three letters: New Jersey.
   *   <li>{@code US-1234ABC}: four digits, three letters: Kansas and Indiana.
   * </ul>
   * They are {@linkplain #hintedOnly(String) hinted-only}: not part of {@link #standard()}, used
   * where a camera's country hint is the United States, because every one of these shapes is also
   * the shape of many European plates and of the region's texts (Hungary's and Moldova's
   * "ABC-123" is the third).
   */
  private static final List<PlateFormat> UNITED_STATES = List.of(
      new PlateFormat("US-1ABC234", "US", "1ABC234", List.of(digits(1), Segment.of(ASCII_LETTERS, 3), digits(3))),
      new PlateFormat("US-ABC1234", "US", "ABC-1234", List.of(Segment.of(ASCII_LETTERS, 3), digits(4))),
      new PlateFormat("US-ABC123", "US", "ABC-123", List.of(Segment.of(ASCII_LETTERS, 3), digits(3))),
      new PlateFormat("US-123ABC", "US", "123-ABC", List.of(digits(3), Segment.of(ASCII_LETTERS, 3))),
      new PlateFormat("US-AB1C2D", "US", "AB1 C2D", List.of(Segment.of(ASCII_LETTERS, 2), digits(1),
          Segment.of(ASCII_LETTERS, 1), digits(1), Segment.of(ASCII_LETTERS, 1))),
      new PlateFormat("US-1AB2345", "US", "1AB2345", List.of(digits(1), Segment.of(ASCII_LETTERS, 2), digits(4))),
      new PlateFormat("US-AB12345", "US", "AB 12345", List.of(Segment.of(ASCII_LETTERS, 2), digits(5))),
      new PlateFormat("US-A123456", "US", "A12 3456", List.of(Segment.of(ASCII_LETTERS, 1), digits(6))),
      new PlateFormat("US-ABC12D", "US", "ABC 12D", List.of(Segment.of(ASCII_LETTERS, 3), digits(2),
          Segment.of(ASCII_LETTERS, 1))),
      new PlateFormat("US-ABCD12", "US", "ABC-D12", List.of(Segment.of(ASCII_LETTERS, 4), digits(2))),
      new PlateFormat("US-A12BCD", "US", "A12-BCD", List.of(Segment.of(ASCII_LETTERS, 1), digits(2),
          Segment.of(ASCII_LETTERS, 3))),
      new PlateFormat("US-1234ABC", "US", "1234 ABC", List.of(digits(4), Segment.of(ASCII_LETTERS, 3))));

  /**
   * Formats used only where a country hint names their country: what a camera registered in (or
   * configured for) that country passes ({@code RecognitionHints#country()}). Today the United
   * States' ({@link #UNITED_STATES}); empty for every other country and for {@code null}. Under
   * the hint the built-in engine decodes against them with the hinted country's bonus (they rank
   * its readings; they are no evidence that a text is a plate), and the store filter asks more of
   * a text that fits none of them ({@link PlausibleRead#forCountry}).
   */
  public static List<PlateFormat> hintedOnly(String country) {
    return country != null && country.equalsIgnoreCase("US") ? UNITED_STATES : List.of();
  }

  /** These formats followed by {@code more}, in that order. */
  public PlateFormats with(List<PlateFormat> more) {
    List<PlateFormat> all = new java.util.ArrayList<>(byId.values());
    all.addAll(more);
    return new PlateFormats(all);
  }

  /** Province codes 01 to {@code last}, as printed (two digits). */
  private static String[] provinces(int last) {
    String[] codes = new String[last];
    for (int i = 1; i <= last; i++) {
      codes[i - 1] = String.format(Locale.ROOT, "%02d", i);
    }
    return codes;
  }

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

  /** These formats without the {@link #SHAPE_ONLY} ones, in the same order. */
  public PlateFormats withoutShapeOnly() {
    return new PlateFormats(byId.values().stream().filter(f -> !SHAPE_ONLY.contains(f.id())).toList());
  }

  /** Only the {@link #SHAPE_ONLY} formats of these, in the same order. */
  public PlateFormats shapeOnly() {
    return new PlateFormats(byId.values().stream().filter(f -> SHAPE_ONLY.contains(f.id())).toList());
  }

  /**
   * The {@link #SHAPE_ONLY} formats of these that choose between look-alike characters ({@link
   * FormatRespeller}), in the same order: all but the {@link #LOOSE} ones.
   */
  public PlateFormats lookAlikeChoosers() {
    return new PlateFormats(byId.values().stream().filter(f -> SHAPE_ONLY.contains(f.id()) && !LOOSE.contains(f.id())).toList());
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
   * Formats that most short runs of letters and digits fit (a grille read as "IIII8" is a German
   * shape, "W8II" an Austrian one; Turkey's 81 provinces take nearly any two leading digits,
   * Slovenia's five free characters nearly anything after a region): they name a plate's country
   * and correct an engine's text, but fitting one is no evidence that a text is a plate, and the
   * built-in engine does not decode against them (US plates were pulled into their shapes); it
   * only lets them choose between look-alike characters ({@link LookAlikes}). The British and
   * Norwegian formats are here too: each rests on one plate of the development set, too little to
   * let them steer decoding or count as evidence. Poland's shapes (letters, a digit, then any four
   * characters) fit most short texts, and Moldova's are Hungary's: they are shape-only too (with
   * them decoded, US "ABC123" plates would count as Moldovan evidence).
   */
  public static final java.util.Set<String> SHAPE_ONLY = java.util.Set.of("DE", "HU", "TR", "AT", "SI", "GB", "NO",
      "PL", "PL-3", "MD", "MD-1992");

  /**
   * Shape-only formats too loose even to choose between look-alikes: a reading that fits one is
   * not respelled by the others, and Poland's "any four characters after a digit" fits the
   * Norwegian {@code BS4704O} as well as {@code BS47040} (held-out EU set: that plate was lost).
   */
  public static final java.util.Set<String> LOOSE = java.util.Set.of("PL", "PL-3", "MD", "MD-1992");

  /**
   * Whether normalised {@code text} fits one country's format exactly, as evidence that it is a
   * plate: the generic shapes and {@link #SHAPE_ONLY} formats do not count.
   */
  public boolean fitsCountryFormat(String text) {
    for (PlateFormat format : byId.values()) {
      if (!format.generic() && !SHAPE_ONLY.contains(format.id()) && format.matches(text)) {
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
