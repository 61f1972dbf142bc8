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
 * country Corridor has no format for is still stored when it is read confidently. Thread-safe;
 * dropped reads are counted per source.
 */
public final class ReadFilter {

  private final PlateFormats formats;
  private final PlausibleRead rule;
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

  /**
   * @param minUnformattedConfidence reads that fit no format need at least this confidence (0: keep all)
   */
  public ReadFilter(PlateFormats formats, double minUnformattedConfidence) {
    this.formats = formats;
    this.rule = new PlausibleRead(formats, minUnformattedConfidence);
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
    if (rule.keep(plate, confidence, engineMatchedFormat)) {
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
    return rule.minUnformattedConfidence();
  }
}
