package io.corridor.rules.engine.signal;

import io.corridor.rules.engine.SignalPhase;
import java.util.concurrent.CompletionStage;

/** Where signal-group phases are kept so that a read on any node sees the phases posted to any node. */
public interface SignalStore {

  /** Records {@code phase}. */
  CompletionStage<Void> record(SignalPhase phase);

  /** The recent phases of {@code signalGroup} on {@code controllerId}, or {@code null} when none are known. */
  CompletionStage<SignalHistory> history(String controllerId, int signalGroup);

  /** The key of one signal group. */
  static String key(String controllerId, int signalGroup) {
    return controllerId + "/" + signalGroup;
  }
}
