package io.corridor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.rules.outbox.Evaluated;
import io.corridor.storage.evidence.EvidenceResult;
import io.corridor.storage.evidence.FrameEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The frames behind a violation go through the evidence hook, with the violation as the reason. */
class ViolationEvidenceTest {

  @Test
  void everyFrameOfANewViolationIsMarkedWithTheViolationAsReason() {
    List<String> marked = new ArrayList<>();
    FrameEvidence hook = (device, frame, reason, by) -> {
      marked.add(device + "/" + frame + "/" + reason + "/" + by);
      return CompletableFuture.completedFuture(EvidenceResult.notAvailable(device, frame, "not cached in this test"));
    };
    ViolationEvidence evidence = new ViolationEvidence(hook);
    evidence.mark(new Evaluated.FrameRef("cam-1", "f-1", "v-9"));
    evidence.mark(new Evaluated.FrameRef("cam-2", "f-2", "v-9"));
    assertThat(marked).containsExactly("cam-1/f-1/violation v-9/rule:violations", "cam-2/f-2/violation v-9/rule:violations");
  }

  @Test
  void aFailingHookNeverReachesTheCaller() {
    ViolationEvidence evidence = new ViolationEvidence((d, f, r, b) -> {
      throw new IllegalStateException("hook down");
    });
    org.assertj.core.api.Assertions.assertThatCode(() -> evidence.mark(new Evaluated.FrameRef("cam-1", "f-1", "v-9")))
        .doesNotThrowAnyException();
    ViolationEvidence failing = new ViolationEvidence((d, f, r, b) -> CompletableFuture.failedFuture(
        new IllegalStateException("database down")));
    org.assertj.core.api.Assertions.assertThatCode(() -> failing.mark(new Evaluated.FrameRef("cam-1", "f-1", "v-9")))
        .doesNotThrowAnyException();
  }
}
