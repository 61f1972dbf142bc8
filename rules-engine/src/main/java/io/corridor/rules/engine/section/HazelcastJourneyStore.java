package io.corridor.rules.engine.section;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.corridor.platform.cluster.PartitionedKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Pairing state in the cluster map {@value #MAP}, keyed by rule and plate blind index. Every
 * update is an asynchronous entry processor on the key's owner (with the same step on the backup),
 * so reads of one plate arriving on different nodes are paired in one place and a member's death
 * loses nothing. Callbacks run on {@code callbacks}: with 2 cores the common ForkJoin pool has
 * parallelism 1 and Hazelcast would start a thread per callback.
 */
public final class HazelcastJourneyStore implements JourneyStore {

  /** The cluster map of journeys. */
  public static final String MAP = "corridor.rules.journeys";

  private final HazelcastInstance hazelcast;
  private final IMap<String, Journey> map;
  private final Executor callbacks;

  /** Uses {@code hazelcast}'s map {@value #MAP}. */
  public HazelcastJourneyStore(HazelcastInstance hazelcast, Executor callbacks) {
    this.hazelcast = hazelcast;
    this.map = hazelcast.getMap(MAP);
    this.callbacks = callbacks;
  }

  @Override
  public CompletionStage<List<SectionOffence>> advance(String key, SectionChain chain, Sighting sighting) {
    return map.submitToKey(key, new AdvanceJourney(chain, sighting)).thenApplyAsync(l -> (List<SectionOffence>) l, callbacks);
  }

  /**
   * Only the journeys this member owns: every member sweeps its own, so each due journey is
   * decided once, by its owner. One call per partition ({@link PartitionedKeys}): one
   * {@code executeOnKeys} over all of them hashed every key on every partition.
   */
  @Override
  public CompletionStage<List<SectionOffence>> due(long nowMillis) {
    return CompletableFuture.supplyAsync(() -> {
      List<SectionOffence> out = new ArrayList<>();
      Set<String> local = map.localKeySet();
      if (!local.isEmpty()) {
        PartitionedKeys.executeOnKeys(hazelcast, map, local, new ExpireJourney(nowMillis, false)).values().forEach(l -> {
          if (l != null) {
            out.addAll(l);
          }
        });
      }
      return out;
    }, callbacks);
  }

  @Override
  public CompletionStage<Void> removeDue(long nowMillis) {
    return CompletableFuture.runAsync(() -> {
      Set<String> local = map.localKeySet();
      if (!local.isEmpty()) {
        PartitionedKeys.executeOnKeys(hazelcast, map, local, new ExpireJourney(nowMillis, true));
      }
    }, callbacks);
  }

  @Override
  public int size() {
    return map.size();
  }
}
