package io.corridor.rules.engine;

import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.site.CameraSite;
import io.corridor.rules.engine.speed.SpeedAssessment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds violations the same way for every rule: deterministic id, rule and version, site and calibration, evidence. */
public final class Violations {

  private Violations() {}

  /**
   * A violation of {@code kind} found by {@code rule} resting on {@code reads} (time order; the
   * last is the one that completed the offence). The id derives from the rule id, the kind and the
   * read ids only, so a re-run — or a re-run under a newer version of the rule — never duplicates it.
   */
  public static Violation.Builder of(RuleRef rule, ViolationKind kind, ReadContext ctx, List<PlateRead> reads,
      CameraSite site) {
    List<String> readIds = new ArrayList<>();
    List<String> frames = new ArrayList<>();
    for (PlateRead r : reads) {
      readIds.add(r.getEventId());
      frames.addAll(r.getFrameIds());
    }
    PlateRead last = reads.getLast();
    Violation.Builder b = base(rule, kind, readIds, frames, last.getDeviceId(), last.getEventTime(), ctx.now(), site,
        ctx.vehicleClass() == null ? null : ctx.vehicleClass().code());
    if (last.getLane() != null) {
      b.getDetails().put("lane", last.getLane().toString());
    }
    return b;
  }

  /**
   * The common part of every violation.
   *
   * @param vehicleClass class code from the registry, or {@code null} when unknown
   */
  public static Violation.Builder base(RuleRef rule, ViolationKind kind, List<String> readIds, List<String> frames,
      String deviceId, Instant eventTime, Instant now, CameraSite site, String vehicleClass) {
    List<String> idParts = new ArrayList<>(List.of(rule.id(), kind.name()));
    idParts.addAll(readIds);
    Map<String, String> details = new HashMap<>();
    details.put("vehicleClass", vehicleClass == null ? "unknown" : vehicleClass);
    details.put("vehicleClassSource", vehicleClass == null ? "unknown" : "registry");
    Violation.Builder b = Violation.newBuilder()
        .setEventId(EventIds.deterministic(idParts.toArray(String[]::new)))
        .setDeviceId(deviceId)
        .setEventTime(eventTime)
        .setReceivedTime(now)
        .setKind(kind)
        .setRuleId(rule.id())
        .setRuleVersion(rule.version())
        .setReadIds(List.copyOf(readIds))
        .setFrameIds(List.copyOf(frames))
        .setDetails(details);
    if (site != null) {
      b.setSiteId(site.siteId());
      if (site.calibration() != null) {
        b.setCalibrationCertificate(site.calibration().certificate());
        b.setCalibrationValidUntil(site.calibration().validUntil());
      }
    }
    return b;
  }

  /** A violation resting on the context's read alone. */
  public static Violation.Builder of(RuleRef rule, ViolationKind kind, ReadContext ctx) {
    return of(rule, kind, ctx, List.of(ctx.read()), ctx.site());
  }

  /** Sets measured, tolerance, retained and limit in km/h. */
  public static Violation.Builder speed(Violation.Builder b, SpeedAssessment a) {
    return b.setMeasured(a.measured()).setTolerance(a.tolerance()).setRetained(a.retained()).setLimit(a.limit())
        .setUnit("km/h");
  }
}
