package io.corridor.rules.engine;

import io.corridor.events.Violation;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A rule whose state lives in the cluster (section pairing, signal phases): its answer may come later. */
public non-sealed interface AsyncReadRule extends Rule {

  /** Whether the read concerns this rule at all (cheap, local: the camera is one of the rule's). */
  boolean appliesTo(ReadContext ctx);

  /** The violations the read proves, possibly with earlier reads. */
  CompletionStage<List<Violation>> evaluate(ReadContext ctx);
}
