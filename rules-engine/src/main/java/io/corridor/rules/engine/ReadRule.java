package io.corridor.rules.engine;

import io.corridor.events.Violation;
import java.util.List;

/** A rule decided from one read and the data in force on this node (sites, registry, permits): no cluster call. */
public non-sealed interface ReadRule extends Rule {

  /** Adds the violations {@code ctx}'s read proves to {@code out}. May throw; the engine isolates it. */
  void evaluate(ReadContext ctx, List<Violation> out);
}
