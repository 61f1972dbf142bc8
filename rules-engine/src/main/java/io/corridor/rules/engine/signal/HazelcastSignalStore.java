package io.corridor.rules.engine.signal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.corridor.rules.engine.SignalPhase;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Signal phases in the cluster map {@value #MAP}, keyed {@code controller/group}, each update an
 * entry processor on the key's owner. Callbacks run on {@code callbacks}, never on the common
 * ForkJoin pool (see the 2-core trap in the project's dependency notes).
 */
public final class HazelcastSignalStore implements SignalStore {

  /** The cluster map of signal histories. */
  public static final String MAP = "corridor.rules.signals";

  private final IMap<String, SignalHistory> map;
  private final Executor callbacks;

  /** Uses {@code hazelcast}'s map {@value #MAP}. */
  public HazelcastSignalStore(HazelcastInstance hazelcast, Executor callbacks) {
    this.map = hazelcast.getMap(MAP);
    this.callbacks = callbacks;
  }

  @Override
  public CompletionStage<Void> record(SignalPhase phase) {
    return map.submitToKey(SignalStore.key(phase.controllerId(), phase.signalGroup()),
        new AppendPhase(phase.state(), phase.since().toEpochMilli())).thenApplyAsync(v -> null, callbacks);
  }

  @Override
  public CompletionStage<SignalHistory> history(String controllerId, int signalGroup) {
    return map.getAsync(SignalStore.key(controllerId, signalGroup)).thenApplyAsync(h -> h, callbacks);
  }
}
