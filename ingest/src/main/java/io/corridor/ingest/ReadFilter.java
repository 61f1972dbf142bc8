package io.corridor.ingest;

import io.corridor.anpr.plate.PlateFormats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps junk out of {@code plate_reads}: a read whose text fits no country's plate format and whose
 * confidence is below {@code anpr.min-confidence-unformatted} is not stored (a radiator grille read
 * as "III1III", a sign, a sticker). The generic EU shape does not count as a format here: almost
 * any short run of letters and digits fits it. A read the engine itself matched to a format (an
 * OpenALPR region template) counts as fitting. A plate of a country Corridor has no format for is
 * still stored when it is read confidently. Thread-safe; dropped reads are counted per source.
 */
public final class ReadFilter {

  private final PlateFormats formats;
  private final double minUnformattedConfidence;
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

  /**
   * @param minUnformattedConfidence reads that fit no format need at least this confidence (0: keep all)
   */
  public ReadFilter(PlateFormats formats, double minUnformattedConfidence) {
    if (!(minUnformattedConfidence >= 0 && minUnformattedConfidence <= 1)) {
      throw new IllegalArgumentException("minimum confidence must be within 0..1, got " + minUnformattedConfidence);
    }
    this.formats = formats;
    this.minUnformattedConfidence = minUnformattedConfidence;
  }

  /** A filter over the standard formats. */
  public static ReadFilter standard(double minUnformattedConfidence) {
    return new ReadFilter(PlateFormats.standard(), minUnformattedConfidence);
  }

  /**
   * Whether a read is stored; a read that is not is counted under {@code source}.
   *
   * @param plate normalised plate text
   * @param engineMatchedFormat whether the recognizer matched the text to one of its own formats
   */
  public boolean keep(String source, String plate, double confidence, boolean engineMatchedFormat) {
    if (engineMatchedFormat || confidence >= minUnformattedConfidence || fitsCountryFormat(plate)) {
      return true;
    }
    dropped.computeIfAbsent(source, s -> new LongAdder()).increment();
    return false;
  }

  /** Whether {@code plate} fits one country's format exactly. */
  public boolean fitsCountryFormat(String plate) {
    return formats.fitsCountryFormat(plate);
  }

  /** Reads from {@code source} dropped so far; for metrics. */
  public long dropped(String source) {
    LongAdder count = dropped.get(source);
    return count == null ? 0 : count.sum();
  }

  /** The confidence below which an unformatted read is dropped. */
  public double minUnformattedConfidence() {
    return minUnformattedConfidence;
  }
}
