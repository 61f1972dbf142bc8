package io.corridor.rules.engine.signal;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.AsyncReadRule;
import io.corridor.rules.engine.ReadContext;
import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.SignalPhase;
import io.corridor.rules.engine.Violations;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Red light: a read at a stop-line camera while the camera's signal group had been red for longer
 * than the grace period. The violation records the time since red (measured, in seconds), the grace
 * period (limit), the amber duration before that red, and grades more than {@code aggravatedMillis}
 * of red as CRITICAL (Germany's "more than one second" offence).
 */
public final class RedLightRule implements AsyncReadRule {

  /** The signal group a stop-line camera watches. */
  public record Junction(String camera, String controllerId, int signalGroup) {}

  private final RuleRef ref;
  private final Map<String, Junction> byCamera;
  private final long graceMillis;
  private final long aggravatedMillis;
  private final SignalStore signals;

  /** Watches {@code byCamera}'s signal groups through {@code signals}. */
  public RedLightRule(RuleRef ref, Map<String, Junction> byCamera, long graceMillis, long aggravatedMillis,
      SignalStore signals) {
    this.ref = ref;
    this.byCamera = Map.copyOf(byCamera);
    this.graceMillis = graceMillis;
    this.aggravatedMillis = aggravatedMillis;
    this.signals = signals;
  }

  @Override
  public RuleRef ref() {
    return ref;
  }

  @Override
  public boolean appliesTo(ReadContext ctx) {
    return byCamera.containsKey(ctx.read().getDeviceId());
  }

  @Override
  public CompletionStage<List<Violation>> evaluate(ReadContext ctx) {
    Junction j = byCamera.get(ctx.read().getDeviceId());
    if (j == null) {
      return CompletableFuture.completedFuture(List.of());
    }
    return signals.history(j.controllerId(), j.signalGroup()).thenApply(h -> decide(ctx, j, h));
  }

  /** The violation, if any, of {@code ctx}'s read given the signal group's history {@code h}. */
  List<Violation> decide(ReadContext ctx, Junction j, SignalHistory h) {
    PlateRead read = ctx.read();
    long at = read.getEventTime().toEpochMilli();
    int i = h == null ? -1 : h.phaseAt(at);
    if (i < 0 || h.state(i) != SignalPhase.State.RED) {
      return List.of();
    }
    long sinceRed = at - h.since(i);
    if (sinceRed <= graceMillis) {
      return List.of();
    }
    Violation.Builder b = Violations.of(ref, ViolationKind.RED_LIGHT, ctx)
        .setMeasured(sinceRed / 1000.0).setLimit(graceMillis / 1000.0).setUnit("s")
        .setSeverity(sinceRed > aggravatedMillis ? "CRITICAL" : "WARNING");
    b.getDetails().put("controller", j.controllerId());
    b.getDetails().put("signalGroup", Integer.toString(j.signalGroup()));
    b.getDetails().put("redSince", java.time.Instant.ofEpochMilli(h.since(i)).toString());
    b.getDetails().put("timeSinceRedMillis", Long.toString(sinceRed));
    if (i > 0 && h.state(i - 1) == SignalPhase.State.AMBER) {
      b.getDetails().put("amberMillis", Long.toString(h.since(i) - h.since(i - 1)));
    } else {
      b.getDetails().put("amberMillis", "unknown");
    }
    return List.of(b.build());
  }
}
