package io.corridor.events.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoredPositionsTest {

  private static Position position(String id) {
    return Position.newBuilder().setEventId(id).setDeviceId("trk-1").setEventTime(Instant.ofEpochMilli(1_000))
        .setLocation(new GeoPoint(42.66, 21.16)).build();
  }

  @Test
  void everyLocalConsumerGetsTheCommittedGroupAsOneMessageWithoutACopy() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EventBusSetup.registerAvroCodec(vertx.eventBus());
      List<CompletableFuture<StoredPositions>> received = List.of(new CompletableFuture<>(), new CompletableFuture<>());
      for (CompletableFuture<StoredPositions> r : received) {
        vertx.eventBus().<StoredPositions>localConsumer(BusAddresses.POSITIONS_STORED, m -> r.complete(m.body()))
            .completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
      StoredPositions group = new StoredPositions(List.of(position("a"), position("b")));

      vertx.eventBus().publish(BusAddresses.POSITIONS_STORED, group, new DeliveryOptions().setLocalOnly(true));

      for (CompletableFuture<StoredPositions> r : received) {
        StoredPositions body = r.get(5, TimeUnit.SECONDS);
        assertThat(body).isSameAs(group);
        assertThat(body.positions()).extracting(Position::getEventId).containsExactly("a", "b");
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void theGroupCannotBeChangedAfterPublishingNorLeaveTheNode() {
    List<Position> written = new ArrayList<>(List.of(position("a")));
    StoredPositions group = new StoredPositions(written);
    written.add(position("b"));

    assertThat(group.positions()).hasSize(1);
    assertThatThrownBy(() -> group.positions().add(position("c"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new StoredPositions.Codec().encodeToWire(Buffer.buffer(), group))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("local only");
  }
}
