package io.corridor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Alert;
import io.corridor.events.AlertKind;
import io.corridor.events.PlateRead;
import io.corridor.events.Severity;
import io.corridor.storage.evidence.EvidenceException;
import io.corridor.storage.evidence.EvidenceResult;
import io.corridor.storage.evidence.FrameEvidence;
import io.corridor.testkit.Reads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AlertEvidenceTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  final List<String> calls = new ArrayList<>();

  static Alert alert() {
    return Alert.newBuilder().setEventId("a-1").setDeviceId("cam-1").setEventTime(T0).setReceivedTime(T0)
        .setKind(AlertKind.HOTLIST_MATCH).setSeverity(Severity.CRITICAL).setRuleId(HotlistRule.RULE_ID)
        .setSubjectId("r-1").setReason("hotlist entry stolen-42").build();
  }

  @Test
  void everyFrameOfTheReadIsMarkedWithTheAlertAsReason() {
    FrameEvidence hook = (device, frame, reason, by) -> {
      calls.add(device + " " + frame + " " + reason + " " + by);
      return CompletableFuture.completedFuture(EvidenceResult.stored(device, frame));
    };
    PlateRead read = Reads.read("cam-1", "01777KS", T0).setFrameIds(List.of("f1", "f2")).build();

    List<EvidenceResult> results = new AlertEvidence(hook).mark(alert(), read).join();

    assertThat(calls).containsExactly("cam-1 f1 alert a-1 rule:hotlist", "cam-1 f2 alert a-1 rule:hotlist");
    assertThat(results).allMatch(EvidenceResult::kept).hasSize(2);
  }

  @Test
  void aFrameThatCannotBeKeptDoesNotStopTheOthers() {
    FrameEvidence hook = (device, frame, reason, by) -> switch (frame) {
      case "gone" -> CompletableFuture.completedFuture(EvidenceResult.notAvailable(device, frame, "expired"));
      case "db-down" -> CompletableFuture.failedFuture(new EvidenceException("database unavailable", null));
      case "bug" -> throw new IllegalStateException("hook bug");
      default -> CompletableFuture.completedFuture(EvidenceResult.stored(device, frame));
    };
    PlateRead read = Reads.read("cam-1", "01777KS", T0).setFrameIds(List.of("gone", "db-down", "bug", "f4")).build();

    List<EvidenceResult> results = new AlertEvidence(hook).mark(alert(), read).join();

    assertThat(results).extracting(EvidenceResult::frameId).containsExactly("gone", "f4");
    assertThat(results.get(0).kept()).isFalse();
  }
}
