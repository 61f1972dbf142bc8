package io.corridor.rules.engine;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Every violation rule in force, behind one call per committed read. The durable consumer of
 * committed reads calls {@link #evaluate} once per read (and again after a crash: violation ids are
 * deterministic, so a re-run stores nothing twice) and stores what it returns.
 *
 * <p>Never throws: a rule that fails is isolated (logged, counted) and the others go on. The answer
 * may complete later than the call, for rules whose state lives in the cluster (section pairing).
 */
public interface ViolationEngine {

  /** The violations {@code read} proves, possibly together with earlier reads; empty when none. */
  CompletionStage<List<Violation>> evaluate(PlateRead read);

  /** Records a junction controller's signal-group state change (red-light rules). */
  void onSignal(SignalPhase phase);
}
