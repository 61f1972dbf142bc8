package io.corridor.rules;

import io.corridor.platform.NodeContext;
import io.corridor.rules.engine.StandardViolationEngine;
import io.corridor.rules.engine.ViolationEngine;
import io.corridor.rules.engine.site.SitePurpose;
import io.corridor.rules.outbox.SitePurposes;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the rules module takes from the violation engine: the engine, which cameras stand at
 * enforcement sites (and how long their reads may still pair), the engine's own routes (sites,
 * rule documents, registry, hotlist) and what to close.
 */
record EngineParts(ViolationEngine engine, SitePurposes sites, Consumer<Router> routes, AutoCloseable closer,
    StandardViolationEngine standard) {

  /** The standard engine for {@code node}. */
  static EngineParts create(NodeContext node, Duration margin) {
    StandardViolationEngine engine = StandardViolationEngine.create(node);
    Duration sweep = new RulesOptions(node.settings()).sweep();
    return new EngineParts(engine, purposes(engine, sweep, margin), engine::mountRoutes, engine, engine);
  }

  /**
   * Enforcement reads wait for their pairing window plus {@code margin}, at least two sweep
   * intervals: a section offence is decided by the sweep after the window closed and stored after
   * that, and its entry read must still be there to be copied into the violation.
   */
  static SitePurposes purposes(StandardViolationEngine engine, Duration sweep, Duration margin) {
    Duration wait = margin.compareTo(sweep.multipliedBy(2)) < 0 ? sweep.multipliedBy(2) : margin;
    return deviceId -> engine.purposeOf(deviceId) == SitePurpose.ENFORCEMENT
        ? Optional.of(engine.pairingWindow(deviceId).plus(wait))
        : Optional.empty();
  }
}
