package io.corridor.tracking.osmand;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.UnavailableException;
import io.corridor.tracking.positions.PositionFixes;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fixes of one event-loop turn go to the writer as one request and are answered together, in order. */
class OsmAndBatchTest {

  private Vertx vertx;
  private Context context;
  /** Every store call: its positions and the commit the test completes. */
  private final ConcurrentLinkedQueue<Stored> stores = new ConcurrentLinkedQueue<>();
  /** What each reply got, in the order answered: "name ok" or "name fail: message". */
  private final List<String> answered = new CopyOnWriteArrayList<>();

  private record Stored(List<Position> positions, CompletableFuture<Void> commit) {}

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private OsmAndBatch batch(int max, boolean refuse) {
    OsmAndAnswers answers = new OsmAndAnswers(context, Duration.ofSeconds(30), Duration.ofSeconds(7));
    return new OsmAndBatch(context, positions -> {
      if (refuse) {
        throw new IllegalStateException("writer gone");
      }
      CompletableFuture<Void> commit = new CompletableFuture<>();
      stores.add(new Stored(List.copyOf(positions), commit));
      return (CompletionStage<Void>) commit;
    }, max, answers);
  }

  private OsmAndReply reply(String name) {
    return new OsmAndReply() {
      @Override
      public void ok() {
        answered.add(name + " ok");
      }

      @Override
      public void fail(Throwable failure, Duration retryAfter) {
        answered.add(name + " fail: " + (failure instanceof UnavailableException ? "unavailable " : "")
            + failure.getMessage());
      }
    };
  }

  private static List<Position> fixes(String device, int n) {
    List<Position> fixes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fixes.add(PositionFixes.blank("", device, Instant.ofEpochSecond(1_700_000_000L + i), new GeoPoint(42.0, 20.0 + i)));
    }
    return fixes;
  }

  /** Runs {@code task} as one turn of the context's event loop and waits until it ran. */
  private void onLoop(Runnable task) throws Exception {
    CompletableFuture<Void> ran = new CompletableFuture<>();
    context.runOnContext(v -> {
      task.run();
      ran.complete(null);
    });
    ran.get(10, TimeUnit.SECONDS);
  }

  private void awaitStores(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (stores.size() < n && System.nanoTime() < until) {
      Thread.sleep(2);
    }
    assertThat(stores).hasSize(n);
  }

  private void awaitAnswers(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (answered.size() < n && System.nanoTime() < until) {
      Thread.sleep(2);
    }
    assertThat(answered).hasSize(n);
  }

  @Test
  void theFixesOfOneTurnAreStoredOnceAndAnsweredInOrderAfterTheCommit() throws Exception {
    OsmAndBatch batch = batch(1000, false);
    onLoop(() -> {
      batch.add(reply("a"), fixes("trk-a", 1));
      batch.add(reply("b"), fixes("trk-b", 2));
      batch.add(reply("c"), fixes("trk-c", 1));
    });
    awaitStores(1);
    Stored stored = stores.peek();
    assertThat(stored.positions()).extracting(Position::getDeviceId).containsExactly("trk-a", "trk-b", "trk-b", "trk-c");
    Thread.sleep(50);
    assertThat(answered).isEmpty(); // nothing is answered before its commit
    stored.commit().complete(null); // from the test's thread, as the writer's would
    awaitAnswers(3);
    assertThat(answered).containsExactly("a ok", "b ok", "c ok");
  }

  @Test
  void aTurnPastTheLimitIsStoredInBatchesOfAtMostTheLimit() throws Exception {
    OsmAndBatch batch = batch(3, false);
    onLoop(() -> {
      batch.add(reply("a"), fixes("trk-a", 2));
      batch.add(reply("b"), fixes("trk-b", 2)); // 4 > 3: a's batch goes first
      batch.add(reply("c"), fixes("trk-c", 1));
    });
    awaitStores(2);
    List<Stored> all = List.copyOf(stores);
    assertThat(all.get(0).positions()).extracting(Position::getDeviceId).containsExactly("trk-a", "trk-a");
    assertThat(all.get(1).positions()).extracting(Position::getDeviceId).containsExactly("trk-b", "trk-b", "trk-c");
    all.get(1).commit().complete(null);
    awaitAnswers(2);
    all.get(0).commit().completeExceptionally(new UnavailableException("database unavailable", Duration.ofSeconds(3), null));
    awaitAnswers(3);
    assertThat(answered).containsExactly("b ok", "c ok", "a fail: unavailable database unavailable");
  }

  @Test
  void turnsApartAreStoredApart() throws Exception {
    OsmAndBatch batch = batch(1000, false);
    onLoop(() -> batch.add(reply("a"), fixes("trk-a", 1)));
    awaitStores(1);
    onLoop(() -> batch.add(reply("b"), fixes("trk-b", 1)));
    awaitStores(2);
    stores.forEach(s -> s.commit().complete(null));
    awaitAnswers(2);
    assertThat(answered).containsExactlyInAnyOrder("a ok", "b ok");
  }

  @Test
  void aWriterThatThrowsIsA503ForEveryFixOfTheTurn() throws Exception {
    OsmAndBatch batch = batch(1000, true);
    onLoop(() -> {
      batch.add(reply("a"), fixes("trk-a", 1));
      batch.add(reply("b"), fixes("trk-b", 1));
    });
    awaitAnswers(2);
    assertThat(answered).containsExactly("a fail: writer gone", "b fail: writer gone");
  }
}
