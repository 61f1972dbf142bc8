package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredReadMatchTest {

  static PlateRead stored(String id, String plate) {
    return PlateRead.newBuilder(FrameGroupsTest.frame(FrameGroupsTest.CAM_1, "x", 0, plate, "0.9").reads().getFirst())
        .setEventId(id).build();
  }

  @Test
  void aPlateMatchesTheStoredReadWithItsTextAndLeftoversPairInOrder() {
    RecognizedFrame frame = FrameGroupsTest.frame(FrameGroupsTest.CAM_1, "f1", 0, "AB123CD", "0.9", "NS456EF", "0.9");

    Map<Integer, PlateRead> exact = StoredReadMatch.match(frame, List.of(stored("r2", "NS456EF"), stored("r1", "AB123CD")));
    assertThat(exact.get(0).getEventId()).isEqualTo("r1");
    assertThat(exact.get(1).getEventId()).isEqualTo("r2");

    // The group's best reading differed by an edit: the read still belongs to one of the plates.
    Map<Integer, PlateRead> near = StoredReadMatch.match(frame, List.of(stored("r3", "NS458EF")));
    assertThat(near).containsOnlyKeys(0);
  }

  @Test
  void aPlateWhoseGroupWasNeverStoredStaysUnmatched() {
    RecognizedFrame frame = FrameGroupsTest.frame(FrameGroupsTest.CAM_1, "f1", 0, "AB123CD", "0.9", "NS456EF", "0.9");

    Map<Integer, PlateRead> match = StoredReadMatch.match(frame, List.of(stored("r2", "NS456EF")));

    assertThat(match).containsOnlyKeys(1);
    assertThat(StoredReadMatch.match(frame, List.of())).isEmpty();
  }
}
