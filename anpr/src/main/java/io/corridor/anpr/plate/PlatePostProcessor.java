package io.corridor.anpr.plate;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine-independent last step of recognition: normalises every candidate, corrects it
 * against the plate formats, merges candidates that became the same text, and promotes the first
 * candidate that fits a country format to best, as OpenALPR itself does with its templates. The
 * plate then carries that format's id and country.
 */
public final class PlatePostProcessor {

  private final PlateTextCorrector corrector;

  /** Post-processing with the standard formats. */
  public PlatePostProcessor() {
    this(new PlateTextCorrector());
  }

  /** Post-processing with the given corrector. */
  public PlatePostProcessor(PlateTextCorrector corrector) {
    this.corrector = corrector;
  }

  /** Applies {@link #process(RecognizedPlate, RecognitionHints)} to every plate of a result. */
  public RecognitionResult process(RecognitionResult result, RecognitionHints hints) {
    List<RecognizedPlate> plates = new ArrayList<>();
    for (RecognizedPlate plate : result.plates()) {
      RecognizedPlate processed = process(plate, hints);
      if (processed != null) {
        plates.add(processed);
      }
    }
    return result.withPlates(plates);
  }

  /**
   * Corrects one plate's candidates.
   *
   * @return the corrected plate, or null when no candidate had any letter or digit left
   */
  public RecognizedPlate process(RecognizedPlate plate, RecognitionHints hints) {
    Map<String, Entry> byText = new LinkedHashMap<>();
    for (PlateCandidate candidate : plate.candidates()) {
      Entry entry = correct(candidate, hints.country());
      if (!entry.text.isEmpty()) {
        byText.merge(entry.text, entry, Entry::keepHigher);
      }
    }
    if (byText.isEmpty()) {
      return null;
    }
    List<Entry> entries = new ArrayList<>(byText.values());
    Entry best = entries.stream().filter(e -> e.match != null && !e.match.format().generic()).findFirst()
        .or(() -> entries.stream().filter(e -> e.match != null).findFirst())
        .orElse(entries.getFirst());
    entries.remove(best);
    entries.addFirst(best);
    List<PlateCandidate> candidates = entries.stream()
        .map(e -> new PlateCandidate(e.text, e.confidence, e.matchesFormat)).toList();
    return best.match == null
        ? plate.withCandidates(candidates, null, null)
        : plate.withCandidates(candidates, best.match.country(), best.match.format().id());
  }

  private Entry correct(PlateCandidate candidate, String country) {
    FormatMatch match = corrector.best(candidate.text(), country).orElse(null);
    String text = match != null ? match.text() : PlateTextCorrector.normalize(candidate.text());
    // An engine's own template match (OpenALPR's patterns cover formats we do not) still counts.
    return new Entry(text, candidate.confidence(), match != null || candidate.matchesFormat(), match);
  }

  private record Entry(String text, double confidence, boolean matchesFormat, FormatMatch match) {
    Entry keepHigher(Entry other) {
      // Two readings that correct to the same text are one candidate; keep the better evidence.
      return new Entry(text, Math.max(confidence, other.confidence), matchesFormat || other.matchesFormat,
          match != null ? match : other.match);
    }
  }
}
