package io.corridor.rules.engine.signal;

import io.corridor.rules.engine.SignalPhase;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Signal phases in this JVM only (tests, single-process tools); a cluster needs {@link HazelcastSignalStore}. */
public final class LocalSignalStore implements SignalStore {

  private final Map<String, SignalHistory> histories = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Void> record(SignalPhase phase) {
    histories.compute(SignalStore.key(phase.controllerId(), phase.signalGroup()),
        (k, h) -> (h == null ? new SignalHistory() : h).with(phase.state(), phase.since().toEpochMilli()));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<SignalHistory> history(String controllerId, int signalGroup) {
    return CompletableFuture.completedFuture(histories.get(SignalStore.key(controllerId, signalGroup)));
  }
}
