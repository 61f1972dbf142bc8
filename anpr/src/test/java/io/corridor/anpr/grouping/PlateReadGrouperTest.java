package io.corridor.anpr.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.RecognizedPlate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feeds (frame, time) pairs through a grouper with the default 2 s window. */
class PlateReadGrouperTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private final PlateReadGrouper grouper = new PlateReadGrouper();
  private final List<GroupedRead> emitted = new ArrayList<>();
  private int frames;

  @Test
  void collapsesOneVehiclesFramesIntoOneRead() {
    feed("cam-1", 0, "BG123AB", 0.80, true);
    feed("cam-1", 400, "BG123AB", 0.93, true);
    feed("cam-1", 800, "BG123AB", 0.85, true);
    assertThat(emitted).as("window still open").isEmpty();

    emitted.addAll(grouper.advanceTo(at(2801)));

    assertThat(emitted).singleElement().satisfies(read -> {
      assertThat(read.cameraId()).isEqualTo("cam-1");
      assertThat(read.text()).isEqualTo("BG123AB");
      assertThat(read.confidence()).isEqualTo(0.93);
      assertThat(read.bestFrameId()).isEqualTo("f2");
      assertThat(read.frameIds()).containsExactly("f1", "f2", "f3");
      assertThat(read.firstSeen()).isEqualTo(at(0));
      assertThat(read.lastSeen()).isEqualTo(at(800));
    });
    assertThat(grouper.openGroups()).isZero();
  }

  @Test
  void nearlySameReadingsJoinAndAFormatMatchBeatsHigherConfidence() {
    feed("cam-1", 0, "BG123AB", 0.70, true);
    feed("cam-1", 300, "BG128AB", 0.95, false);  // one substitution
    feed("cam-1", 600, "BG123A", 0.90, false);   // one deletion
    emitted.addAll(grouper.flush());

    assertThat(emitted).singleElement().satisfies(read -> {
      assertThat(read.text()).isEqualTo("BG123AB");
      assertThat(read.frameIds()).containsExactly("f1", "f2", "f3");
    });
  }

  @Test
  void differentPlatesAndDifferentCamerasStayApart() {
    feed("cam-1", 0, "BG123AB", 0.9, true);
    feed("cam-1", 100, "NS456CD", 0.9, true);   // another car in the next lane
    feed("cam-1", 200, "BG723AC", 0.9, false);  // two unrelated edits from BG123AB: another car
    feed("cam-2", 150, "BG123AB", 0.9, true);   // same car, other camera
    emitted.addAll(grouper.flush());

    assertThat(emitted).extracting(GroupedRead::cameraId, GroupedRead::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple("cam-1", "BG123AB"),
        org.assertj.core.groups.Tuple.tuple("cam-1", "NS456CD"),
        org.assertj.core.groups.Tuple.tuple("cam-2", "BG123AB"),
        org.assertj.core.groups.Tuple.tuple("cam-1", "BG723AC"));
  }

  @Test
  void theGroupReadsRightWhereNoSingleFrameDid() {
    // A Kosovo plate 03-456-KR; each frame misreads one character, a different one each time.
    feed("cam-1", 0, "03458KR", 0.80, true);    // 6 read as 8
    feed("cam-1", 300, "O3456KR", 0.75, true);  // 0 read as O
    feed("cam-1", 600, "03456KP", 0.70, true);  // R read as P
    emitted.addAll(grouper.flush());

    assertThat(emitted).singleElement().satisfies(read -> {
      assertThat(read.text()).isEqualTo("03456KR");
      assertThat(read.frameIds()).containsExactly("f1", "f2", "f3");
      assertThat(read.confidence()).as("lowered by the frames' disagreement").isLessThan(0.70).isGreaterThan(0.5);
      assertThat(read.bestPlate().candidates()).extracting(PlateCandidate::text)
          .containsExactly("03456KR", "03458KR", "O3456KR", "03456KP");
      assertThat(read.bestPlate().country()).isEqualTo("XK");
    });
  }

  @Test
  void readingsOfDifferentLengthsVoteAsWholeTexts() {
    feed("cam-1", 0, "BG123A", 0.60, false);    // last character dropped
    feed("cam-1", 300, "BG123AB", 0.55, false);
    feed("cam-1", 600, "BG123AB", 0.50, false);
    feed("cam-1", 900, "BG1234AB", 0.90, false); // one extra
    emitted.addAll(grouper.flush());

    assertThat(emitted).singleElement().satisfies(read -> {
      assertThat(read.text()).as("1.05 of weight against 0.90 and 0.60").isEqualTo("BG123AB");
      assertThat(read.confidence()).as("a text a frame read keeps its best frame's confidence").isEqualTo(0.55);
      assertThat(read.bestFrameId()).isEqualTo("f2");
    });
  }

  @Test
  void aGapLongerThanTheWindowStartsANewRead() {
    feed("cam-1", 0, "BG123AB", 0.9, true);
    feed("cam-1", 2000, "BG123AB", 0.9, true);  // exactly the window: same vehicle
    assertThat(emitted).isEmpty();
    feed("cam-1", 4001, "BG123AB", 0.9, true);  // 2001 ms after the last frame: a new pass

    assertThat(emitted).singleElement().satisfies(read -> assertThat(read.frameIds()).containsExactly("f1", "f2"));
    assertThat(grouper.openGroups()).isOne();
  }

  @Test
  void aFrameOfOneCameraDoesNotCloseAnotherCamerasGroups() {
    feed("cam-1", 0, "BG123AB", 0.9, true);
    feed("cam-2", 60_000, "NS456CD", 0.9, true);  // camera clocks differ; each has its own time
    assertThat(emitted).isEmpty();
    feed("cam-1", 2500, "PGAB123", 0.9, true);
    assertThat(emitted).extracting(GroupedRead::text).containsExactly("BG123AB");
  }

  @Test
  void advanceToClosesGroupsOfSilentCamerasOnlyOnceTheirWindowPassed() {
    feed("cam-1", 0, "BG123AB", 0.9, true);
    assertThat(grouper.advanceTo(at(2000))).isEmpty();
    assertThat(grouper.advanceTo(at(2001))).extracting(GroupedRead::text).containsExactly("BG123AB");
  }

  @Test
  void aParkedCarIsCutIntoReadsAtTheMaximumSpan() {
    PlateReadGrouper shortSpan = new PlateReadGrouper(Duration.ofSeconds(2), Duration.ofSeconds(5));
    List<GroupedRead> out = new ArrayList<>();
    for (int ms = 0; ms <= 7000; ms += 1000) {
      out.addAll(shortSpan.accept(frame("cam-1", ms, "BG123AB", 0.9, true)));
    }
    out.addAll(shortSpan.flush());
    assertThat(out).extracting(r -> r.frameIds().size()).containsExactly(6, 2);
    assertThat(out.getFirst().lastSeen()).isEqualTo(at(5000));
  }

  @Test
  void aLateFrameJoinsItsVehicle() {
    feed("cam-1", 1000, "BG123AB", 0.6, true);
    feed("cam-1", 1500, "BG123AB", 0.7, true);
    feed("cam-1", 400, "BG123AB", 0.9, true);  // delivered late, taken earlier
    emitted.addAll(grouper.flush());
    assertThat(emitted).singleElement().satisfies(read -> {
      assertThat(read.firstSeen()).isEqualTo(at(400));
      assertThat(read.bestFrameId()).isEqualTo("f3");
    });
  }

  @Test
  void emitsOldestFirst() {
    feed("cam-b", 100, "AA123BB", 0.9, true);
    feed("cam-a", 50, "AA123BB", 0.9, true);
    feed("cam-c", 100, "AA123BB", 0.9, true);
    assertThat(grouper.flush()).extracting(GroupedRead::cameraId).containsExactly("cam-a", "cam-b", "cam-c");
  }

  @Test
  void rejectsNonsenseWindows() {
    assertThatThrownBy(() -> new PlateReadGrouper(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PlateReadGrouper(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void feed(String camera, long millis, String text, double confidence, boolean matchesFormat) {
    emitted.addAll(grouper.accept(frame(camera, millis, text, confidence, matchesFormat)));
  }

  private FrameRead frame(String camera, long millis, String text, double confidence, boolean matchesFormat) {
    RecognizedPlate plate = new RecognizedPlate(List.of(new PlateCandidate(text, confidence, matchesFormat)), List.of(),
        null, null, null, 0.0, Duration.ofMillis(10));
    return new FrameRead(camera, "f" + (++frames), at(millis), plate);
  }

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }
}
