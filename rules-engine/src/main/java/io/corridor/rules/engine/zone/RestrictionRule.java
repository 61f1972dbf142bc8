package io.corridor.rules.engine.zone;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.ReadContext;
import io.corridor.rules.engine.ReadRule;
import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.Violations;
import io.corridor.rules.engine.registry.Permits;
import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.site.VehicleClass;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A restricted zone or lane: a read at one of the rule's cameras (and, for a lane, in one of its
 * lanes) inside one of its local-time windows, by a vehicle the restriction covers and no permit
 * exempts. A vehicle is covered when it meets every criterion the rule states: its class is
 * {@code banned}; its class is not {@code allowed} (bus lanes); its Euro class is below
 * {@code minEuroClass} (low-emission zones). A criterion that needs the registry and finds nothing
 * there is not met: an unknown vehicle is never fined on a guess.
 */
public final class RestrictionRule implements ReadRule {

  /** What the rule covers. Empty sets and a null Euro class mean "no such criterion". */
  public record Criteria(Set<VehicleClass> banned, Set<VehicleClass> allowed, Integer minEuroClass) {}

  private final RuleRef ref;
  private final ViolationKind kind;
  private final Set<String> cameras;
  private final Set<Integer> lanes;
  private final ZoneId zone;
  private final List<TimeWindow> windows;
  private final Criteria criteria;
  private final String permitList;
  private final Permits permits;
  private final String severity;

  /**
   * @param kind RESTRICTED_ZONE or RESTRICTED_LANE
   * @param lanes lanes covered (lane rules); empty for every lane
   * @param windows when the restriction applies; empty for always
   * @param permitList the permit list that exempts, or {@code null}
   */
  public RestrictionRule(RuleRef ref, ViolationKind kind, Set<String> cameras, Set<Integer> lanes, ZoneId zone,
      List<TimeWindow> windows, Criteria criteria, String permitList, Permits permits, String severity) {
    this.ref = ref;
    this.kind = kind;
    this.cameras = Set.copyOf(cameras);
    this.lanes = Set.copyOf(lanes);
    this.zone = zone;
    this.windows = List.copyOf(windows);
    this.criteria = criteria;
    this.permitList = permitList;
    this.permits = permits;
    this.severity = severity;
  }

  @Override
  public RuleRef ref() {
    return ref;
  }

  @Override
  public void evaluate(ReadContext ctx, List<Violation> out) {
    PlateRead read = ctx.read();
    if (!cameras.contains(read.getDeviceId())) {
      return;
    }
    if (!lanes.isEmpty() && (read.getLane() == null || !lanes.contains(read.getLane()))) {
      return;
    }
    TimeWindow window = null;
    for (TimeWindow w : windows) {
      if (w.contains(read.getEventTime(), zone)) {
        window = w;
        break;
      }
    }
    if (!windows.isEmpty() && window == null) {
      return;
    }
    if (!covered(ctx)) {
      return;
    }
    if (permitList != null && permits.holds(permitList, ctx.plateHash(), read.getEventTime().atZone(zone).toLocalDate())) {
      return;
    }
    Violation.Builder b = Violations.of(ref, kind, ctx).setSeverity(severity);
    b.getDetails().put("localTime", read.getEventTime().atZone(zone).toLocalDateTime().toString());
    b.getDetails().put("timeZone", zone.getId());
    if (window != null) {
      b.getDetails().put("window", window.days() + " " + window.from() + "-" + window.to());
    }
    RegistryRecord r = ctx.registry();
    if (criteria.minEuroClass() != null && r != null && r.euroClass() != null) {
      b.getDetails().put("euroClass", r.euroClass().toString());
      b.getDetails().put("minEuroClass", criteria.minEuroClass().toString());
    }
    out.add(b.build());
  }

  private boolean covered(ReadContext ctx) {
    VehicleClass cls = ctx.vehicleClass();
    if (!criteria.banned().isEmpty() && (cls == null || !criteria.banned().contains(cls))) {
      return false;
    }
    if (!criteria.allowed().isEmpty() && (cls == null || criteria.allowed().contains(cls))) {
      return false;
    }
    if (criteria.minEuroClass() != null) {
      RegistryRecord r = ctx.registry();
      return r != null && r.euroClass() != null && r.euroClass() < criteria.minEuroClass();
    }
    return true;
  }
}
