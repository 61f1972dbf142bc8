package io.corridor.anpr.builtin;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.plate.FormatDecoder;
import io.corridor.anpr.plate.FormatRespeller;
import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a character band glyph by glyph with the {@link GlyphClassifier}. Blobs the network calls
 * "not a character" (emblems, stickers, screws) are dropped; the remaining glyphs' probabilities
 * are decoded against every plate format ({@link FormatDecoder}), for the whole band and for the
 * band without one or two glyphs at either end (it may have picked up the country strip or a
 * frame edge). Readings are ranked by mean log-probability per glyph plus fixed priors: a country
 * format is preferred to the generic EU shape, which is preferred to no format; the hinted
 * country's formats get a bonus; every glyph trimmed costs a little. Under a US hint the US
 * serial formats ({@link PlateFormats#hintedOnly}) are decoded too.
 */
final class BandReader {

  /** Candidates returned per band. */
  static final int TOP_N = 10;
  private static final double REJECT_ABOVE = 0.5;
  static final int MIN_GLYPHS = 4;
  private static final int MAX_TRIM = 2;
  private static final double TRIM_PENALTY = Math.log(0.6);
  static final double GENERIC_FACTOR = 0.7;
  private static final double GENERIC_PRIOR = Math.log(GENERIC_FACTOR);
  /** The no-format prior's factor: an unformatted reading's confidence is at most this (no open shape), its evidence always. */
  static final double UNFORMATTED_FACTOR = 0.5;
  private static final double UNFORMATTED_PRIOR = Math.log(UNFORMATTED_FACTOR);
  static final double HINT_FACTOR = 1.5;
  private static final double HINT_BONUS = Math.log(HINT_FACTOR);
  /** Lengths of the one-row shape assumed for a hinted country whose formats are not known. */
  static final int OPEN_SHAPE_MIN = 5, OPEN_SHAPE_MAX = 8;

  private final GlyphClassifier classifier;
  // Shape-only formats are left out: they fit too many texts to steer decoding (with them, US
  // "5ABC123" plates were pulled into Turkish and Austrian shapes), and each format costs a pass.
  private final PlateFormats formats = PlateFormats.standard();
  private final FormatDecoder decoder = new FormatDecoder(formats.withoutShapeOnly(), GlyphAlphabet.CHARACTERS);
  // The shape-only formats may still choose between look-alike characters (FormatRespeller).
  private final FormatRespeller respeller = new FormatRespeller(formats.lookAlikeChoosers(), GlyphAlphabet.CHARACTERS);
  // Under a hint whose country has hinted-only formats (the United States): the decoded formats
  // and those, one decoder per such country.
  private final Map<String, FormatDecoder> hintedDecoders = new ConcurrentHashMap<>();
  private final Map<String, List<PlateFormat>> hintedFormats = new ConcurrentHashMap<>();

  BandReader(GlyphClassifier classifier) {
    this.classifier = classifier;
  }

  /**
   * One reading of a band: its text, its score (the per-glyph probability with the priors
   * applied; above 1 only with a country hint's bonus), the format it fits (or null), and whether
   * formats of other countries fit the same text as well (AL, RS and Slovak plates share a shape).
   * {@code confidence} is the cut's own score, before the strip reader re-ranks it; {@code
   * evidence} is what the reading says about the plate once ranking is done ({@link
   * #stored(double)}): the cut's per-glyph probability with the format's prior but without what
   * only ranks (the hinted country's bonus, the open shape's lift), times the strip reader's
   * agreement where it judged the text ({@link #rescored(double, double)}).
   */
  record Reading(String text, double score, PlateFormat format, boolean sharedShape, double confidence, double evidence,
      Span span) {
    /** A reading of no known place in the row (the strip reader's own texts, a test's). */
    Reading(String text, double score, PlateFormat format, boolean sharedShape, double confidence, double evidence) {
      this(text, score, format, sharedShape, confidence, evidence, null);
    }

    // Evidence as ranked: the strip's own texts (StripTexts, in the strip modes not shipped) keep
    // the hint's bonus in it.
    Reading(String text, double score, PlateFormat format, boolean sharedShape) {
      this(text, score, format, sharedShape, score, score);
    }

    /** A reading whose evidence differs from its rank score (a country hint ranked it). */
    static Reading ranked(String text, double score, PlateFormat format, double evidence) {
      return new Reading(text, score, format, false, score, evidence);
    }

    /** The same reading ranked by another score; its confidence stays the cut's own. */
    Reading rescored(double newScore) {
      return new Reading(text, newScore, format, sharedShape, confidence, evidence, span);
    }

    /**
     * The same reading ranked by another score, with a second reader's per-character probability
     * of its text ({@code agreement}, 0..1) joined to its evidence as their geometric mean.
     */
    Reading rescored(double newScore, double agreement) {
      return new Reading(text, newScore, format, sharedShape, confidence, Math.sqrt(evidence * agreement), span);
    }

    /** The same reading with {@code newEvidence} as its evidence. */
    Reading withEvidence(double newEvidence) {
      return new Reading(text, score, format, sharedShape, confidence, newEvidence, span);
    }

    /** The same reading placed at {@code where} in the row. */
    Reading at(Span where) {
      return new Reading(text, score, format, sharedShape, confidence, evidence, where);
    }

    /**
     * The confidence Corridor judges the reading by ({@code PlausibleRead}): its evidence times
     * the row verifier's probability that the row is a plate ({@code plateLike}), at most 1.
     */
    double stored(double plateLike) {
      return Math.min(1.0, evidence * plateLike);
    }

    PlateCandidate candidate() {
      return new PlateCandidate(text, Math.min(1.0, confidence), format != null);
    }

    /** The plate's country, or null when no format or several countries' formats fit. */
    String country() {
      return format == null || sharedShape ? null : format.country();
    }

    /** The fitted format's id, or null when none or several countries' formats fit. */
    String formatId() {
      return format == null || sharedShape ? null : format.id();
    }
  }

  /**
   * Where a reading's characters lie along the row, in the image the row was found in: from the
   * left edge of its first piece to the right edge of its last. A reading that trims a piece at an
   * end (a frame's mark, a sticker) or holds pieces beyond the row as found (a grown or joined
   * row) spans other characters than the row does; the plate's box is drawn around these.
   */
  record Span(double left, double right) {}

  /** Where a piece lies along the row in the image's coordinates: {left, right}. */
  @FunctionalInterface
  interface Places {
    /** Pieces in the image's own coordinates: the rows as found, grown and mended. */
    Places IMAGE = g -> new double[] {g.x(), g.x() + g.w()};

    double[] of(CharBand.Glyph g);
  }

  /** The band's readings, best first; empty when it holds fewer than four characters. */
  List<Reading> read(CharBand band, String countryHint) {
    return read(band, countryHint, new HashMap<>());
  }

  /**
   * As {@link #read(CharBand, String)}, with the network's answers cached by crop: the two
   * threshold sizes and the re-cut find many of an image's characters with the same box, and the
   * same crop always gets the same answer.
   */
  List<Reading> read(CharBand band, String countryHint, Map<GlyphKey, float[]> seen) {
    return read(band, countryHint, seen, 0, 0);
  }

  /**
   * As {@link #read(CharBand, String, Map)} for a row grown by {@code addedLeft} and {@code
   * addedRight} characters ({@link RowEndProbe}) whose row as found was read already: only the
   * windows that hold an added character are decoded (the others are the found row's windows,
   * trimmed more, so never better than its own readings).
   */
  List<Reading> read(CharBand band, String countryHint, Map<GlyphKey, float[]> seen, int addedLeft, int addedRight) {
    return read(band, countryHint, seen, addedLeft, addedRight, Places.IMAGE);
  }

  /**
   * As {@link #read(CharBand, String, Map, int, int)} for a band whose pieces lie where {@code
   * places} says in the image (a re-cut's pieces are in its strip's coordinates): each reading's
   * {@link Span} is the place of the pieces it reads.
   */
  List<Reading> read(CharBand band, String countryHint, Map<GlyphKey, float[]> seen, int addedLeft, int addedRight,
      Places places) {
    List<float[]> glyphs = new ArrayList<>();
    List<CharBand.Glyph> pieces = new ArrayList<>();
    for (CharBand.Glyph g : band.glyphs()) {
      float[] p = classify(g, band.darkText(), seen);
      if (p[GlyphAlphabet.REJECT] <= REJECT_ABOVE) {
        pieces.add(g);
        // Renormalised over the characters: the decoder compares characters only.
        float[] chars = java.util.Arrays.copyOf(p, GlyphAlphabet.REJECT);
        float sum = 0;
        for (float v : chars) sum += v;
        for (int k = 0; k < chars.length; k++) chars[k] /= Math.max(1e-6f, sum);
        glyphs.add(chars);
      }
    }
    int n = glyphs.size();
    if (n < MIN_GLYPHS) {
      return List.of();
    }
    Map<String, Reading> byText = new LinkedHashMap<>();
    // A camera in a country without known formats (the United States: no national format, each
    // state its own series) gets a generic one-row shape of 5-8 letters and digits instead of
    // being pulled into European shapes.
    boolean openShape = openShape(countryHint);
    for (int from = 0; from <= MAX_TRIM; from++) {
      for (int to = n; to >= n - MAX_TRIM; to--) {
        int len = to - from;
        if (len < MIN_GLYPHS || (addedLeft + addedRight > 0 && from >= addedLeft && to <= n - addedRight)) {
          continue;
        }
        List<float[]> part = glyphs.subList(from, to);
        Span span = new Span(places.of(pieces.get(from))[0], places.of(pieces.get(to - 1))[1]);
        double trim = (from + n - to) * TRIM_PENALTY;
        List<float[]> pooled = part.stream().map(BandReader::zeroIsO).toList();
        // An open shape reads a country whose formats are not known: no other country's
        // format may respell it.
        FormatRespeller.Part respell = openShape ? null : respeller.part(pooled);
        for (FormatDecoder.Fit fit : decoder(countryHint).decode(pooled)) {
          double prior = fit.format().generic() ? GENERIC_PRIOR : 0;
          // The hint ranks the hinted country's formats first; it does not make the glyphs surer.
          double hint = countryHint != null && countryHint.equals(fit.format().country()) ? HINT_BONUS : 0;
          double perGlyph = fit.logP() / len + trim + prior;
          // A hinted-only format (a US serial shape) ranks the reading; as evidence the text has
          // what the region's formats give it, as without the hint: the shapes carry no region
          // code, and a plate misread by one character fits them as well (held-out, US hint: 29
          // more right and 12 more false reads stored when they counted as a country's format;
          // docs/benchmarks.md, "US plate formats and the country hint").
          double evidence = hinted(fit.format()) ? perGlyph + Math.log(regionPrior(fit.text())) : perGlyph;
          add(byText, respelled(respell, Reading.ranked(fit.text(), Math.exp(perGlyph + hint), fit.format(), Math.exp(evidence)).at(span)));
        }
        for (String text : bestPaths(part, 3)) {
          double logP = 0;
          for (int i = 0; i < len; i++) logP += Math.log(Math.max(1e-9, part.get(i)[GlyphAlphabet.CHARACTERS.indexOf(text.charAt(i))]));
          // The open shape of a hinted country without formats ranks a plate-long text as a format
          // would; as evidence it is still a text that fits no format (US hint: the junk of signs
          // and slogans read confidently was stored).
          double prior = openShape && len >= OPEN_SHAPE_MIN && len <= OPEN_SHAPE_MAX ? 0 : UNFORMATTED_PRIOR;
          add(byText, respelled(respell, Reading.ranked(text, Math.exp(logP / len + trim + prior), null,
              Math.exp(logP / len + trim + UNFORMATTED_PRIOR)).at(span)));
        }
      }
    }
    return byText.values().stream().sorted(Comparator.comparingDouble(Reading::score).reversed()).limit(TOP_N).toList();
  }

  /**
   * The decoder for a hint: the decoded formats, and where the hinted country has {@linkplain
   * PlateFormats#hintedOnly hinted-only} formats those after them, ranked by the hint's bonus as
   * any hinted country's formats are.
   */
  private FormatDecoder decoder(String countryHint) {
    List<PlateFormat> hinted = PlateFormats.hintedOnly(countryHint);
    if (hinted.isEmpty()) {
      return decoder;
    }
    return hintedDecoders.computeIfAbsent(countryHint,
        c -> new FormatDecoder(formats.withoutShapeOnly().with(hinted), GlyphAlphabet.CHARACTERS));
  }

  /** Whether {@code format} is one that only its country's hint decodes. */
  static boolean hinted(PlateFormat format) {
    return format != null && format.country() != null && PlateFormats.hintedOnly(format.country()).contains(format);
  }

  private static final List<PlateFormat> DECODED = PlateFormats.standard().withoutShapeOnly().all();

  /**
   * The prior a text carries as evidence from the region's decoded formats alone: a country's
   * format 1, the generic shape {@value #GENERIC_FACTOR}, none {@value #UNFORMATTED_FACTOR}. What
   * a reading in a hinted-only format is evidence of, so that the hint adds none.
   */
  static double regionPrior(String text) {
    boolean generic = false;
    for (PlateFormat f : DECODED) {
      if (f.matches(text)) {
        if (!f.generic()) return 1.0;
        generic = true;
      }
    }
    return generic ? GENERIC_FACTOR : UNFORMATTED_FACTOR;
  }

  /** The formats the strip reader's texts are matched against under a hint (as {@link #decoder}). */
  private List<PlateFormat> decoded(String countryHint) {
    List<PlateFormat> hinted = PlateFormats.hintedOnly(countryHint);
    return hinted.isEmpty() ? DECODED : hintedFormats.computeIfAbsent(countryHint,
        c -> new PlateFormats(DECODED).with(hinted).all());
  }

  /** The network's probabilities for one glyph (reject last), cached by crop in {@code seen}. */
  float[] classify(CharBand.Glyph g, boolean darkText, Map<GlyphKey, float[]> seen) {
    return seen.computeIfAbsent(new GlyphKey(g.gray(), g.w(), g.h(), darkText),
        k -> classifier.classify(k.gray, k.w, k.h, k.darkText));
  }

  /**
   * A reading of the generic EU shape with its look-alike characters chosen by a shape-only
   * country format where one fits ({@link FormatRespeller}): with O and 0 pooled, the generic
   * shape's runs made that choice, and a country's format knows its positions better. A reading
   * that fits a decoded country's format already had them chosen by it; an unformatted one has the
   * network's own choice (the raw probabilities), which stands (a one-letter, six-digit plate
   * {@code W053011} is no Norwegian {@code WO53011}). Only the spelling changes: score, confidence
   * and format stay the reading's own, so ranking, the row verifier's features (trained on readings
   * that shape-only formats never spelled) and the store filter see the reading as before.
   */
  private static Reading respelled(FormatRespeller.Part respell, Reading r) {
    if (respell == null || r.format() == null || !r.format().generic()) {
      return r;
    }
    return respell.respell(r.text())
        .map(fit -> new Reading(fit.text(), r.score(), r.format(), false, r.confidence(), r.evidence(), r.span()))
        .orElse(r);
  }

  /**
   * The strip reader's texts for a row as readings of this reader ({@link StripTexts}), so that
   * they rank with the cut's.
   */
  List<Reading> readTexts(List<io.corridor.anpr.strip.CtcDecoder.Text> texts, String countryHint) {
    return StripTexts.readings(texts, decoded(countryHint), countryHint, openShape(countryHint));
  }

  /** A crop as the network sees it: its grey bytes, size and polarity, compared by content. */
  static final class GlyphKey {
    private final byte[] gray;
    private final int w, h, hash;
    private final boolean darkText;

    GlyphKey(byte[] gray, int w, int h, boolean darkText) {
      this.gray = gray;
      this.w = w;
      this.h = h;
      this.darkText = darkText;
      this.hash = (Arrays.hashCode(gray) * 31 + w) * 2 + (darkText ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GlyphKey k && k.hash == hash && k.w == w && k.h == h && k.darkText == darkText
          && Arrays.equals(k.gray, gray);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Whether a hinted country has no known formats, so its plates are read as an open one-row shape. */
  boolean openShape(String countryHint) {
    return countryHint != null && formats.forCountry(countryHint).isEmpty();
  }

  private static final int ZERO = GlyphAlphabet.CHARACTERS.indexOf('0');
  private static final int LETTER_O = GlyphAlphabet.CHARACTERS.indexOf('O');

  /**
   * The glyph's probabilities with 0 and O pooled: most plate fonts draw them alike (labels even
   * disagree), so only the format's position can tell them apart.
   */
  private static float[] zeroIsO(float[] p) {
    float[] q = p.clone();
    q[ZERO] = q[LETTER_O] = p[ZERO] + p[LETTER_O];
    return q;
  }

  private static void add(Map<String, Reading> byText, Reading r) {
    byText.merge(r.text(), r, (a, b) -> {
      if (Math.abs(a.score() - b.score()) <= 1e-9 * a.score() && a.format() != null && b.format() != null
          && a.format().country() != null && b.format().country() != null && !a.format().country().equals(b.format().country())) {
        // Equally good fits of two countries: the text is right, the country is a guess.
        return new Reading(a.text(), a.score(), a.format(), true, a.confidence(), a.evidence(), a.span());
      }
      return a.score() >= b.score() ? a : b;
    });
  }

  /** The {@code k} most probable texts ignoring formats (a beam over the top choices per glyph). */
  private static List<String> bestPaths(List<float[]> glyphs, int k) {
    record Path(String text, double logP) {}
    List<Path> beam = List.of(new Path("", 0));
    for (float[] p : glyphs) {
      List<Path> next = new ArrayList<>();
      for (Path path : beam) {
        for (int c = 0; c < p.length; c++) {
          if (p[c] > 0.01) {
            next.add(new Path(path.text + GlyphAlphabet.character(c), path.logP + Math.log(p[c])));
          }
        }
      }
      if (next.isEmpty()) {
        int c = 0;
        for (int j = 1; j < p.length; j++) if (p[j] > p[c]) c = j;
        for (Path path : beam) next.add(new Path(path.text + GlyphAlphabet.character(c), path.logP + Math.log(Math.max(1e-9, p[c]))));
      }
      next.sort(Comparator.comparingDouble(Path::logP).reversed());
      beam = next.subList(0, Math.min(k, next.size()));
    }
    return beam.stream().map(Path::text).toList();
  }
}
