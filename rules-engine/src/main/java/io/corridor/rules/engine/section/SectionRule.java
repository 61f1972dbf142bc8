package io.corridor.rules.engine.section;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.AsyncReadRule;
import io.corridor.rules.engine.EngineMetrics;
import io.corridor.rules.engine.ReadContext;
import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.Violations;
import io.corridor.rules.engine.site.CameraSite;
import io.corridor.rules.engine.site.Sites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Average speed over a section (or a chain of contiguous sections): each read at one of the rule's
 * cameras becomes a {@link Sighting} added to the plate's journey in the {@link JourneyStore}; the
 * offences it returns become {@code AVERAGE_SPEED} violations here. An offence whose entry or exit
 * camera was not calibrated at the time is not reported (counted warning {@code calibration_expired}).
 */
public final class SectionRule implements AsyncReadRule {

  private final SectionChain chain;
  private final Set<String> devices;
  private final JourneyStore store;
  private final Sites sites;
  private final EngineMetrics metrics;

  /** Pairs through {@code store}; sites give the calibration references. */
  public SectionRule(SectionChain chain, JourneyStore store, Sites sites, EngineMetrics metrics) {
    this.chain = chain;
    this.devices = chain.devices();
    this.store = store;
    this.sites = sites;
    this.metrics = metrics;
  }

  @Override
  public RuleRef ref() {
    return chain.rule();
  }

  /** The chain this rule pairs over. */
  public SectionChain chain() {
    return chain;
  }

  @Override
  public boolean appliesTo(ReadContext ctx) {
    return devices.contains(ctx.read().getDeviceId());
  }

  @Override
  public CompletionStage<List<Violation>> evaluate(ReadContext ctx) {
    PlateRead read = ctx.read();
    Sighting s = new Sighting(read.getEventId(), read.getDeviceId(), read.getEventTime().toEpochMilli(),
        ctx.vehicleClass() == null ? null : ctx.vehicleClass().code(), read.getFrameIds());
    return store.advance(JourneyStore.key(chain.rule().id(), ctx.plateKey()), chain, s)
        .thenApply(offences -> toViolations(offences, ctx.now(), sites, metrics));
  }

  /** Violations for reported offences (also used by the sweep for journeys that timed out). */
  public static List<Violation> toViolations(List<SectionOffence> offences, Instant now, Sites sites,
      EngineMetrics metrics) {
    List<Violation> out = new ArrayList<>();
    for (SectionOffence o : offences) {
      CameraSite entrySite = sites.byDevice(o.entry().deviceId());
      CameraSite exitSite = sites.byDevice(o.exit().deviceId());
      Instant entryTime = Instant.ofEpochMilli(o.entry().timeMillis());
      Instant exitTime = Instant.ofEpochMilli(o.exit().timeMillis());
      if ((entrySite != null && !entrySite.calibratedAt(entryTime)) || (exitSite != null && !exitSite.calibratedAt(exitTime))) {
        metrics.warning(o.ruleId(), "calibration_expired");
        continue;
      }
      List<String> frames = new ArrayList<>(o.entry().frameIds());
      frames.addAll(o.exit().frameIds());
      String cls = o.exit().vehicleClass() != null ? o.exit().vehicleClass() : o.entry().vehicleClass();
      Violation.Builder b = Violations.base(new RuleRef(o.ruleId(), o.ruleVersion(), "section-speed"),
          ViolationKind.AVERAGE_SPEED, List.of(o.entry().readId(), o.exit().readId()), frames, o.exit().deviceId(),
          exitTime, now, exitSite, cls)
          .setMeasured(o.measured()).setTolerance(o.tolerance()).setRetained(o.retained()).setLimit(o.limit())
          .setUnit("km/h")
          .setSeverity(o.overshoot() > 40 ? "CRITICAL" : "WARNING");
      b.getDetails().put("sectionId", o.sectionId());
      b.getDetails().put("distanceMeters", Double.toString(o.distanceMeters()));
      b.getDetails().put("entryDevice", o.entry().deviceId());
      b.getDetails().put("entryTime", entryTime.toString());
      b.getDetails().put("travelMillis", Long.toString(o.exit().timeMillis() - o.entry().timeMillis()));
      b.getDetails().put("clockSkewAllowanceMillis", Long.toString(o.skewMillis()));
      if (entrySite != null) {
        b.getDetails().put("entrySiteId", entrySite.siteId());
        if (entrySite.calibration() != null) {
          b.getDetails().put("entryCalibrationCertificate", entrySite.calibration().certificate());
        }
      }
      out.add(b.build());
    }
    return out;
  }
}
