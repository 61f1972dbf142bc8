package io.corridor.ingest;

import io.corridor.platform.devices.Device;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Feeds (frame, time) pairs through the grouping with a 2 s window and a hand-moved wall clock. */
class FrameGroupsTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  static final Device CAM_1 = new Device("cam-1", "camera", new byte[32], true);
  static final Device CAM_2 = new Device("cam-2", "camera", new byte[32], true);

  final MutableClock wall = new MutableClock(T0);
  final FrameGroups groups = new FrameGroups(Duration.ofSeconds(2), Duration.ofSeconds(30), 100, Duration.ofSeconds(5), wall);
  final List<FrameGroups.ClosedGroup> closed = new ArrayList<>();

  static RecognizedFrame frame(Device camera, String frameId, long atMillis, String... platesAndConfidences) {
    return frameAt(camera, frameId, T0.plusMillis(atMillis), platesAndConfidences);
  }

  /** A recognised frame taken at {@code at}: plates given as text, confidence, text, confidence, … */
  static RecognizedFrame frameAt(Device camera, String frameId, Instant at, String... platesAndConfidences) {
    List<PlateRead> reads = new ArrayList<>();
    List<RecognizedPlate> plates = new ArrayList<>();
    for (int i = 0; i < platesAndConfidences.length; i += 2) {
      double confidence = Double.parseDouble(platesAndConfidences[i + 1]);
      plates.add(new RecognizedPlate(List.of(new PlateCandidate(platesAndConfidences[i], confidence, true)), List.of(),
          "XK", null, null, 0, Duration.ZERO));
      reads.add(PlateRead.newBuilder().setEventId(EventIds.deterministic("frame", frameId, Integer.toString(i / 2)))
          .setDeviceId(camera.id()).setEventTime(at).setReceivedTime(at)
          .setPlate(platesAndConfidences[i]).setCountry("XK").setConfidence((float) confidence)
          .setFrameIds(List.of(frameId)).build());
    }
    return new RecognizedFrame(camera, frameId, at, reads, plates, Map.of(), 40);
  }

  CompletableFuture<FrameResult> add(RecognizedFrame frame) {
    CompletableFuture<FrameResult> answer = new CompletableFuture<>();
    closed.addAll(groups.add(frame, answer));
    return answer;
  }

  void tickAfter(long wallMillis) {
    wall.advance(Duration.ofMillis(wallMillis));
    closed.addAll(groups.tick());
  }

  static String idOf(String frameId) {
    return EventIds.deterministic("frame", frameId, "0");
  }

  @Test
  void oneVehiclesFramesBecomeOneReadAndAreAnsweredOnlyAfterItsCommit() {
    var a1 = add(frame(CAM_1, "f1", 0, "AB123CD", "0.80"));
    wall.advance(Duration.ofMillis(300));
    var a2 = add(frame(CAM_1, "f2", 300, "AB123CD", "0.95"));
    wall.advance(Duration.ofMillis(300));
    var a3 = add(frame(CAM_1, "f3", 600, "AB128CD", "0.70"));
    tickAfter(1000);
    assertThat(closed).as("the window is still open").isEmpty();

    tickAfter(1100);
    assertThat(closed).singleElement().satisfies(group -> {
      PlateRead read = group.read();
      assertThat(read.getEventId()).isEqualTo(idOf("f1"));
      assertThat(read.getEventTime()).isEqualTo(T0);
      assertThat(read.getPlate()).isEqualTo("AB123CD");
      assertThat(read.getConfidence()).isEqualTo(0.95f);
      assertThat(read.getFrameIds()).containsExactly("f1", "f2", "f3");
    });
    assertThat(List.of(a1, a2, a3)).as("nothing is answered before commit").noneMatch(CompletableFuture::isDone);
    assertThat(groups.heldFrames()).isEqualTo(3);

    groups.committed(closed.getFirst());
    for (var answer : List.of(a1, a2, a3)) {
      assertThat(answer.join().reads()).extracting(PlateRead::getEventId).containsExactly(idOf("f1"));
    }
    assertThat(a2.join().frameId()).isEqualTo("f2");
    assertThat(groups.heldFrames()).isZero();
    assertThat(groups.openGroups()).isZero();
  }

  @Test
  void theStoredReadOfAVehicleIsRightWhereNoSingleFrameWas() {
    // 03-456-KR passing: every frame misreads a different character.
    var a1 = add(frame(CAM_1, "f1", 0, "03458KR", "0.80"));
    var a2 = add(frame(CAM_1, "f2", 300, "O3456KR", "0.75"));
    var a3 = add(frame(CAM_1, "f3", 600, "03456KP", "0.70"));
    closed.addAll(groups.closeAll());

    assertThat(closed).singleElement().satisfies(group -> {
      PlateRead read = group.read();
      assertThat(read.getPlate()).isEqualTo("03456KR");
      assertThat(read.getCountry()).isEqualTo("XK");
      assertThat(read.getConfidence()).isBetween(0.5f, 0.7f);
      assertThat(read.getFrameIds()).containsExactly("f1", "f2", "f3");
      assertThat(read.getCandidates()).extracting(c -> c.getPlate())
          .containsExactly("03456KR", "03458KR", "O3456KR", "03456KP");
    });
    groups.committed(closed.getFirst());
    for (var answer : List.of(a1, a2, a3)) {
      assertThat(answer.join().reads()).extracting(PlateRead::getPlate).containsExactly("03456KR");
    }
  }

  @Test
  void theIdComesFromTheFirstFrameByEventTimeWhateverTheArrivalOrder() {
    add(frame(CAM_1, "f2", 400, "AB123CD", "0.9"));
    add(frame(CAM_1, "f1", 0, "AB123CD", "0.8"));
    closed.addAll(groups.closeAll());

    assertThat(closed).singleElement().satisfies(group -> {
      assertThat(group.read().getEventId()).isEqualTo(idOf("f1"));
      assertThat(group.read().getEventTime()).isEqualTo(T0);
      assertThat(group.read().getFrameIds()).containsExactly("f1", "f2");
    });
  }

  @Test
  void theCamerasOwnTimeClosesAGroupWhenTheNextVehicleComes() {
    var first = add(frame(CAM_1, "f1", 0, "AB123CD", "0.9"));
    add(frame(CAM_1, "f2", 2500, "XY987ZW", "0.9"));

    assertThat(closed).singleElement().satisfies(g -> assertThat(g.read().getFrameIds()).containsExactly("f1"));
    assertThat(groups.openGroups()).isOne();
    groups.committed(closed.getFirst());
    assertThat(first).isCompleted();
  }

  @Test
  void anotherCameraOrAnotherPlateIsNotMerged() {
    add(frame(CAM_1, "f1", 0, "AB123CD", "0.9"));
    add(frame(CAM_2, "f2", 100, "AB123CD", "0.9"));
    add(frame(CAM_1, "f3", 200, "NS456EF", "0.9"));
    tickAfter(2500);

    assertThat(closed).hasSize(3);
    assertThat(closed).extracting(g -> g.read().getFrameIds()).containsExactlyInAnyOrder(
        List.of("f1"), List.of("f2"), List.of("f3"));
    assertThat(closed).extracting(g -> g.read().getDeviceId()).contains("cam-1", "cam-2");
  }

  @Test
  void aCameraThatFallsSilentIsClosedByTheWallClock() {
    add(frame(CAM_1, "f1", 0, "AB123CD", "0.9"));
    tickAfter(1000);
    add(frame(CAM_1, "f2", 0, "AB123CD", "0.9"));
    tickAfter(1500);
    assertThat(closed).isEmpty();
    tickAfter(600);

    assertThat(closed).singleElement().satisfies(g -> assertThat(g.read().getFrameIds()).containsExactly("f1", "f2"));
  }

  @Test
  void aCameraWhoseClockStandsStillHasItsGroupsClosedAfterTheMaxSpan() {
    for (int second = 0; second < 30; second++) {
      add(frame(CAM_1, "f" + second, 0, "AB123CD", "0.9"));
      tickAfter(1000);
    }
    assertThat(closed).as("frames keep arriving with the same time").isEmpty();
    tickAfter(1000);

    assertThat(closed).singleElement().satisfies(g -> assertThat(g.read().getFrameIds()).hasSize(30));
  }

  @Test
  void aFailedCommitAnswersEveryFrameOfTheGroupWithTheFailure() {
    var a1 = add(frame(CAM_1, "f1", 0, "AB123CD", "0.9"));
    var a2 = add(frame(CAM_1, "f2", 300, "AB123CD", "0.9"));
    closed.addAll(groups.closeAll());
    UnavailableException down = new UnavailableException("database unavailable", Duration.ofSeconds(5), null);

    groups.failed(closed.getFirst(), down);

    assertThat(a1).isCompletedExceptionally();
    assertThat(a2).isCompletedExceptionally();
    assertThat(groups.heldFrames()).isZero();
  }

  @Test
  void aRetryWhileWaitingSharesTheAnswerAndARetryJustAfterGetsItAgain() {
    var original = add(frame(CAM_1, "f1", 0, "AB123CD", "0.9"));
    var retry = add(frame(CAM_1, "f1", 0, "AB123CD", "0.9"));
    closed.addAll(groups.closeAll());
    assertThat(closed).singleElement().satisfies(g -> assertThat(g.read().getFrameIds()).containsExactly("f1"));
    groups.committed(closed.getFirst());
    assertThat(retry.join()).isEqualTo(original.join());

    closed.clear();
    var late = add(frame(CAM_1, "f1", 0, "AB123CD", "0.9"));
    assertThat(late.join().reads()).extracting(PlateRead::getEventId).containsExactly(idOf("f1"));
    assertThat(closed).isEmpty();
    assertThat(groups.openGroups()).as("a retry is not grouped again").isZero();
  }

  @Test
  void framesOverTheHeldLimitAreRefused() {
    FrameGroups small = new FrameGroups(Duration.ofSeconds(2), Duration.ofSeconds(30), 2, Duration.ofSeconds(5), wall);
    small.add(frame(CAM_1, "f1", 0, "AB123CD", "0.9"), new CompletableFuture<>());
    small.add(frame(CAM_1, "f2", 100, "AB123CD", "0.9"), new CompletableFuture<>());
    CompletableFuture<FrameResult> third = new CompletableFuture<>();
    small.add(frame(CAM_1, "f3", 200, "AB123CD", "0.9"), third);

    assertThat(third).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().isInstanceOf(UnavailableException.class).withMessageContaining("too many frames");
  }

  @Test
  void slotsAlreadyStoredAreAnsweredFromTheStoredReadAndOnlyTheRestIsGrouped() {
    RecognizedFrame twoPlates = frame(CAM_1, "f9", 0, "AB123CD", "0.9", "NS456EF", "0.8");
    PlateRead stored = PlateRead.newBuilder(twoPlates.reads().get(0)).setEventId(idOf("f8")).build();
    var answer = add(twoPlates.withStored(Map.of(0, stored)));
    closed.addAll(groups.closeAll());

    assertThat(closed).singleElement().satisfies(g -> assertThat(g.read().getPlate()).isEqualTo("NS456EF"));
    groups.committed(closed.getFirst());
    assertThat(answer.join().reads()).extracting(PlateRead::getEventId)
        .containsExactly(idOf("f8"), EventIds.deterministic("frame", "f9", "1"));
  }
}
