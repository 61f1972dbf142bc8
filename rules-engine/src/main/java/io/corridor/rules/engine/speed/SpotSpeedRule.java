package io.corridor.rules.engine.speed;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.EngineMetrics;
import io.corridor.rules.engine.ReadContext;
import io.corridor.rules.engine.ReadRule;
import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.Violations;
import io.corridor.rules.engine.site.CameraSite;
import io.corridor.rules.engine.site.MeasurementType;
import java.util.List;
import java.util.Set;

/**
 * Spot speed: the speed the camera measured, less the tolerance for the site's country and device
 * type, against the limit for the read's lane and vehicle class. A camera whose calibration does
 * not cover the read's day reports nothing but a counted warning ({@code calibration_expired}); so
 * does a site for which no tolerance is configured ({@code no_tolerance}): a measurement without
 * the driver's tolerance is not evidence.
 */
public final class SpotSpeedRule implements ReadRule {

  private final RuleRef ref;
  private final ToleranceTable tolerances;
  private final Set<String> sites;
  private final EngineMetrics metrics;

  /**
   * @param sites the site ids the rule covers; empty for every site with a limit
   */
  public SpotSpeedRule(RuleRef ref, ToleranceTable tolerances, Set<String> sites, EngineMetrics metrics) {
    this.ref = ref;
    this.tolerances = tolerances;
    this.sites = Set.copyOf(sites);
    this.metrics = metrics;
  }

  @Override
  public RuleRef ref() {
    return ref;
  }

  @Override
  public void evaluate(ReadContext ctx, List<Violation> out) {
    PlateRead read = ctx.read();
    CameraSite site = ctx.site();
    if (read.getSpeedKmh() == null || site == null || site.measurement() == MeasurementType.SECTION
        || (!sites.isEmpty() && !sites.contains(site.siteId()))) {
      return;
    }
    Integer limit = site.limitFor(read.getLane(), ctx.vehicleClass());
    if (limit == null || read.getSpeedKmh() <= limit) {
      return;
    }
    Tolerance tolerance = tolerances.lookup(site.country(), site.measurement(), site.mobile());
    if (tolerance == null) {
      metrics.warning(ref.id(), "no_tolerance");
      return;
    }
    SpeedAssessment a = tolerance.assess(read.getSpeedKmh(), limit);
    if (!a.offence()) {
      return;
    }
    if (!site.calibratedAt(read.getEventTime())) {
      metrics.warning(ref.id(), "calibration_expired");
      return;
    }
    Violation.Builder b = Violations.speed(Violations.of(ref, ViolationKind.SPEED, ctx), a);
    b.getDetails().put("measurement", site.measurement().code());
    b.setSeverity(a.overshoot() > 40 ? "CRITICAL" : "WARNING");
    out.add(b.build());
  }
}
