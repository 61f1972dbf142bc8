package io.corridor.rules.engine.registry;

import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.ReadContext;
import io.corridor.rules.engine.ReadRule;
import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.Violations;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Registry checks on plates of the registry's own countries: not in the registry (only once the
 * registry holds anything, so an empty registry never flags every car), uninsured (no cover or
 * cover ended before the read's day), registration expired. One violation per plate, check and
 * local day: the id derives from the plate's blind index and the day, so a vehicle passing twenty
 * cameras is one case, not twenty (the first read is its evidence).
 */
public final class RegistryRule implements ReadRule {

  /** The checks a registry rule may make. */
  public enum Check { UNINSURED, UNREGISTERED, REGISTRATION_EXPIRED }

  private final RuleRef ref;
  private final Set<String> countries;
  private final Set<Check> checks;
  private final ZoneId zone;
  private final VehicleRegistry registry;

  /** Checks plates of {@code countries} (empty: plates of any or unknown country). */
  public RegistryRule(RuleRef ref, Set<String> countries, Set<Check> checks, ZoneId zone, VehicleRegistry registry) {
    this.ref = ref;
    this.countries = Set.copyOf(countries);
    this.checks = Set.copyOf(checks);
    this.zone = zone;
    this.registry = registry;
  }

  @Override
  public RuleRef ref() {
    return ref;
  }

  @Override
  public void evaluate(ReadContext ctx, List<Violation> out) {
    PlateRead read = ctx.read();
    if (!countries.isEmpty() && (read.getCountry() == null || !countries.contains(read.getCountry()))) {
      return;
    }
    LocalDate day = read.getEventTime().atZone(ctx.site() == null ? zone : ctx.site().zone()).toLocalDate();
    RegistryRecord r = ctx.registry();
    if (r == null) {
      if (checks.contains(Check.UNREGISTERED) && registry.size() > 0) {
        out.add(violation(ctx, ViolationKind.UNREGISTERED_VEHICLE, day, "not in the registry"));
      }
      return;
    }
    if (checks.contains(Check.UNREGISTERED) && r.registeredUntil() == null) {
      out.add(violation(ctx, ViolationKind.UNREGISTERED_VEHICLE, day, "no registration"));
    } else if (checks.contains(Check.REGISTRATION_EXPIRED) && r.registeredUntil() != null && day.isAfter(r.registeredUntil())) {
      out.add(violation(ctx, ViolationKind.REGISTRATION_EXPIRED, day, "registration ended " + r.registeredUntil()));
    }
    if (checks.contains(Check.UNINSURED) && (r.insuredUntil() == null || day.isAfter(r.insuredUntil()))) {
      out.add(violation(ctx, ViolationKind.UNINSURED_VEHICLE, day,
          r.insuredUntil() == null ? "no insurance" : "insurance ended " + r.insuredUntil()));
    }
  }

  private Violation violation(ReadContext ctx, ViolationKind kind, LocalDate day, String reason) {
    Violation.Builder b = Violations.of(ref, kind, ctx)
        .setEventId(EventIds.deterministic(ref.id(), kind.name(), ctx.plateKey(), day.toString()))
        .setSeverity("WARNING");
    b.getDetails().put("reason", reason);
    b.getDetails().put("day", day.toString());
    return b.build();
  }
}
