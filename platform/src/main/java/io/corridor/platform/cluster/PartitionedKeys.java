package io.corridor.platform.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs an entry processor on many keys at a cost linear in their number. Hazelcast's
 * {@code executeOnKeys} and {@code submitToKeys} send every key of the call to each partition that
 * owns one of them, and each partition's operation hashes every key to find its own
 * ({@code EntryOperator.belongsAnotherPartition}): with keys spread over all partitions that is
 * (keys × partitions) hashes, so a sweep over a member's few thousand keys did millions. Here the
 * keys are grouped by partition first and each group goes, as its own call, to its partition only;
 * every group is in flight at once.
 */
public final class PartitionedKeys {

  private PartitionedKeys() {}

  /**
   * As {@code map.executeOnKeys(keys, processor)}: blocks until every key was processed, and
   * returns each key's result (keys whose processor returned null are left out, as Hazelcast does).
   *
   * @throws RuntimeException what Hazelcast threw for a key, unwrapped
   */
  public static <K, V, R> Map<K, R> executeOnKeys(HazelcastInstance hazelcast, IMap<K, V> map, Set<K> keys,
      EntryProcessor<K, V, R> processor) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    List<CompletableFuture<Map<K, R>>> calls = new ArrayList<>();
    for (Set<K> group : byPartition(hazelcast.getPartitionService(), keys).values()) {
      calls.add(map.submitToKeys(group, processor).toCompletableFuture());
    }
    Map<K, R> results = new HashMap<>();
    for (CompletableFuture<Map<K, R>> call : calls) {
      try {
        results.putAll(call.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return results;
  }

  /** The keys grouped by the partition that owns each. */
  static <K> Map<Integer, Set<K>> byPartition(PartitionService partitions, Set<K> keys) {
    Map<Integer, Set<K>> groups = new HashMap<>();
    for (K key : keys) {
      groups.computeIfAbsent(partitions.getPartition(key).getPartitionId(), p -> new HashSet<>()).add(key);
    }
    return groups;
  }
}
