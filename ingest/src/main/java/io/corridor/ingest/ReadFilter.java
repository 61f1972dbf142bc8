package io.corridor.ingest;

import io.corridor.anpr.plate.PlateFormats;
import io.corridor.anpr.plate.PlausibleRead;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps junk out of {@code plate_reads}: a read whose text fits no country's plate format and whose
 * confidence is below {@code anpr.min-confidence-unformatted} is not stored (a radiator grille read
 * as "III1III", a sign, a sticker); the rule is {@link PlausibleRead}. The generic EU shape does
 * not count as a format here: almost any short run of letters and digits fits it. A read the
 * engine itself matched to a format (an OpenALPR region template) counts as fitting. A plate of a
 * country Corridor has no format for is still stored when it is read confidently. Below
 * {@code anpr.min-confidence} nothing is stored, whatever it fits. Thread-safe; dropped reads are
 * counted per source and reason ({@link PlausibleRead.Drop}).
 */
public final class ReadFilter {

  private final PlateFormats formats;
  private final PlausibleRead rule;
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

  /**
   * @param minConfidence no read below it is stored (0: no floor)
   * @param minUnformattedConfidence reads that fit no format need at least this confidence (0: keep all)
   */
  public ReadFilter(PlateFormats formats, double minConfidence, double minUnformattedConfidence) {
    this.formats = formats;
    this.rule = new PlausibleRead(formats, minConfidence, minUnformattedConfidence);
  }

  /** A filter over the standard formats with the default floor ({@link PlausibleRead#DEFAULT_MIN_CONFIDENCE}). */
  public static ReadFilter standard(double minUnformattedConfidence) {
    return standard(Math.min(PlausibleRead.DEFAULT_MIN_CONFIDENCE, minUnformattedConfidence), minUnformattedConfidence);
  }

  /** A filter over the standard formats. */
  public static ReadFilter standard(double minConfidence, double minUnformattedConfidence) {
    return new ReadFilter(PlateFormats.standard(), minConfidence, minUnformattedConfidence);
  }

  /**
   * Whether a read is stored; a read that is not is counted under {@code source}.
   *
   * @param plate normalised plate text
   * @param engineMatchedFormat whether the recognizer matched the text to one of its own formats
   */
  public boolean keep(String source, String plate, double confidence, boolean engineMatchedFormat) {
    return keep(source, plate, confidence, engineMatchedFormat, null);
  }

  /**
   * As {@link #keep(String, String, double, boolean)} for a read of a frame hinted to come from
   * {@code countryHint} (null: none): under a US hint a text in none of the US serial shapes needs
   * a little more ({@link PlausibleRead#forCountry}).
   */
  public boolean keep(String source, String plate, double confidence, boolean engineMatchedFormat, String countryHint) {
    PlausibleRead.Drop drop = rule.forCountry(countryHint).drop(plate, confidence, engineMatchedFormat);
    if (drop == null) {
      return true;
    }
    dropped.computeIfAbsent(source + "/" + drop.label(), s -> new LongAdder()).increment();
    return false;
  }

  /** Whether {@code plate} fits one country's format exactly. */
  public boolean fitsCountryFormat(String plate) {
    return formats.fitsCountryFormat(plate);
  }

  /** Reads from {@code source} dropped so far, for any reason. */
  public long dropped(String source) {
    long all = 0;
    for (PlausibleRead.Drop reason : PlausibleRead.Drop.values()) {
      all += dropped(source, reason);
    }
    return all;
  }

  /** Reads from {@code source} dropped so far for {@code reason}; for metrics. */
  public long dropped(String source, PlausibleRead.Drop reason) {
    LongAdder count = dropped.get(source + "/" + reason.label());
    return count == null ? 0 : count.sum();
  }

  /** The confidence below which an unformatted read is dropped. */
  public double minUnformattedConfidence() {
    return rule.minUnformattedConfidence();
  }
}
