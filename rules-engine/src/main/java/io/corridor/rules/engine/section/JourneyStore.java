package io.corridor.rules.engine.section;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where pairing state lives: one journey per (rule, plate blind index), updated atomically. */
public interface JourneyStore {

  /** Adds {@code sighting} to the journey under {@code key}; completes with the offences to report. */
  CompletionStage<List<SectionOffence>> advance(String key, SectionChain chain, Sighting sighting);

  /** The offences of journeys whose window has passed at {@code nowMillis}, without removing them. */
  CompletionStage<List<SectionOffence>> due(long nowMillis);

  /** Removes every journey whose window has passed at {@code nowMillis}. */
  CompletionStage<Void> removeDue(long nowMillis);

  /** Number of journeys held (all members). */
  int size();

  /** The key of a plate's journey on a rule. */
  static String key(String ruleId, String plateKey) {
    return ruleId + "|" + plateKey;
  }
}
