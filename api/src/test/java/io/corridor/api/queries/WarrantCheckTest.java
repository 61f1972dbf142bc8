package io.corridor.api.queries;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.api.Refused;
import io.corridor.api.warrants.Area;
import io.corridor.api.warrants.Warrant;
import io.corridor.api.warrants.WarrantState;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each refusal reason of {@link WarrantCheck}, decided from the warrant and the query alone. */
class WarrantCheckTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final byte[] PLATE = {1, 2, 3};

  static Warrant warrant(WarrantState state) {
    Area area = Area.parse(new JsonArray("[[21.0, 42.0], [22.0, 42.0], [22.0, 43.0], [21.0, 43.0]]"), "area");
    return new Warrant(UUID.randomUUID(), "C-1", "basis", "purpose", "analyst-1", NOW.minus(Duration.ofDays(1)),
        NOW.minus(Duration.ofDays(3)), NOW, NOW.plus(Duration.ofDays(1)), List.of(PLATE), List.of(new byte[0]),
        Set.of("cam-1"), area, 1, state, 0, List.of(), null);
  }

  static void refused(Runnable check, Refusal reason) {
    assertThatThrownBy(check::run).isInstanceOf(Refused.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((Refused) e).error()).isEqualTo(reason.code()));
  }

  @Test
  void stateAndOwnershipAndTime() {
    Instant from = NOW.minus(Duration.ofDays(1));
    assertThatCode(() -> WarrantCheck.usable(warrant(WarrantState.APPROVED), "analyst-1", NOW, from, NOW)).doesNotThrowAnyException();
    refused(() -> WarrantCheck.usable(warrant(WarrantState.APPROVED), "analyst-2", NOW, from, NOW), Refusal.NO_WARRANT);
    refused(() -> WarrantCheck.usable(warrant(WarrantState.REQUESTED), "analyst-1", NOW, from, NOW), Refusal.NOT_APPROVED);
    refused(() -> WarrantCheck.usable(warrant(WarrantState.REJECTED), "analyst-1", NOW, from, NOW), Refusal.NOT_APPROVED);
    refused(() -> WarrantCheck.usable(warrant(WarrantState.PARTLY_APPROVED), "analyst-1", NOW, from, NOW),
        Refusal.SECOND_APPROVAL_MISSING);
    refused(() -> WarrantCheck.usable(warrant(WarrantState.REVOKED), "analyst-1", NOW, from, NOW), Refusal.REVOKED);
    refused(() -> WarrantCheck.usable(warrant(WarrantState.APPROVED), "analyst-1", NOW.plus(Duration.ofDays(1)), from, NOW),
        Refusal.EXPIRED);
    refused(() -> WarrantCheck.usable(warrant(WarrantState.APPROVED), "analyst-1", NOW, NOW.minus(Duration.ofDays(4)), NOW),
        Refusal.WINDOW_OUTSIDE_WARRANT);
    refused(() -> WarrantCheck.usable(warrant(WarrantState.APPROVED), "analyst-1", NOW, from, NOW.plusSeconds(1)),
        Refusal.WINDOW_OUTSIDE_WARRANT);
  }

  @Test
  void scope() {
    Warrant w = warrant(WarrantState.APPROVED);
    assertThatCode(() -> WarrantCheck.plate(w, new byte[] {1, 2, 3})).doesNotThrowAnyException();
    refused(() -> WarrantCheck.plate(w, new byte[] {1, 2, 4}), Refusal.PLATE_OUTSIDE_SCOPE);
    assertThatCode(() -> WarrantCheck.cameras(w, List.of("cam-1", "cam-in"), Map.of("cam-in", new double[] {21.5, 42.5})))
        .doesNotThrowAnyException();
    refused(() -> WarrantCheck.cameras(w, List.of("cam-out"), Map.of("cam-out", new double[] {23.0, 42.5})),
        Refusal.CAMERA_OUTSIDE_SCOPE);
    refused(() -> WarrantCheck.cameras(w, List.of("cam-unknown"), Map.of()), Refusal.CAMERA_OUTSIDE_SCOPE);
    assertThatCode(() -> WarrantCheck.area(w, Area.parse(new JsonArray("[[21.2, 42.2], [21.8, 42.2], [21.5, 42.8]]"), "area")))
        .doesNotThrowAnyException();
    refused(() -> WarrantCheck.area(w, Area.parse(new JsonArray("[[21.2, 42.2], [22.8, 42.2], [21.5, 42.8]]"), "area")),
        Refusal.AREA_OUTSIDE_SCOPE);
  }
}
