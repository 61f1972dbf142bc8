package io.corridor.rules.engine.section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pairing state in this JVM only: the same steps as {@link HazelcastJourneyStore}, atomic per key
 * through {@link ConcurrentHashMap#compute}. For a single process (tests, the stateless benchmark);
 * a cluster needs the Hazelcast store.
 */
public final class LocalJourneyStore implements JourneyStore {

  private final Map<String, Journey> journeys = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<List<SectionOffence>> advance(String key, SectionChain chain, Sighting sighting) {
    List<SectionOffence> report = new ArrayList<>();
    journeys.compute(key, (k, state) -> {
      SectionChain.Advance step = chain.advance(state, sighting);
      report.addAll(step.report());
      return step.next();
    });
    return CompletableFuture.completedFuture(report);
  }

  @Override
  public CompletionStage<List<SectionOffence>> due(long nowMillis) {
    List<SectionOffence> out = new ArrayList<>();
    journeys.values().forEach(j -> {
      SectionChain.Advance step = SectionChain.expire(j, nowMillis);
      if (step != null) {
        out.addAll(step.report());
      }
    });
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletionStage<Void> removeDue(long nowMillis) {
    journeys.entrySet().removeIf(e -> SectionChain.expire(e.getValue(), nowMillis) != null);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public int size() {
    return journeys.size();
  }
}
