package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.corridor.testkit.MutableClock;
import io.corridor.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The group-commit writer against a real PostgreSQL, with a small sink on a scratch table. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitWriterIT {

  static final Duration RETRY_AFTER = Duration.ofSeconds(3);

  static String url;
  static HikariDataSource dataSource;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30Z"));
  final ItemSink sink = new ItemSink();
  final RecordingListener listener = new RecordingListener();
  final ConcurrentLinkedQueue<List<Integer>> storedBatches = new ConcurrentLinkedQueue<>();
  final AtomicInteger repairs = new AtomicInteger();
  final List<GroupCommitWriter<Integer>> writers = new ArrayList<>();

  @BeforeAll
  static void database() throws SQLException {
    url = TestDatabase.fresh("group_commit");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setPassword("");
    config.setMaximumPoolSize(4);
    dataSource = new HikariDataSource(config);
    try (Connection c = verifier(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE items (id int PRIMARY KEY)");
    }
  }

  @AfterAll
  static void closePool() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  @BeforeEach
  void emptyTable() throws SQLException {
    try (Connection c = verifier(); Statement st = c.createStatement()) {
      st.execute("TRUNCATE items");
    }
  }

  @AfterEach
  void closeWriters() {
    sink.release();
    writers.forEach(GroupCommitWriter::close);
  }

  /** A connection of its own, outside the pool the writer uses. */
  static Connection verifier() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "");
  }

  static List<Integer> visible(List<Integer> ids) throws SQLException {
    try (Connection c = verifier();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM items WHERE id = ANY (?) ORDER BY id")) {
      ps.setArray(1, c.createArrayOf("int4", ids.toArray()));
      List<Integer> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getInt(1));
        }
      }
      return found;
    }
  }

  static int rowCount() throws SQLException {
    try (Connection c = verifier(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM items")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static List<Integer> range(int from, int toExclusive) {
    return IntStream.range(from, toExclusive).boxed().toList();
  }

  GroupCommitWriter<Integer> writer(int capacity, int maxBatch, int threads) {
    return writer(capacity, maxBatch, threads, storedBatches::add);
  }

  GroupCommitWriter<Integer> writer(int capacity, int maxBatch, int threads, Consumer<List<Integer>> onStored) {
    GroupCommitWriter<Integer> w = new GroupCommitWriter<>("test", dataSource, sink, onStored,
        repairs::incrementAndGet, listener, capacity, maxBatch, threads, RETRY_AFTER, clock);
    writers.add(w);
    return w;
  }

  static UnavailableException unavailable(CompletableFuture<?> future) {
    Throwable t = catchThrowable(() -> future.get(10, TimeUnit.SECONDS));
    assertThat(t).isInstanceOf(ExecutionException.class);
    assertThat(t.getCause()).isInstanceOf(UnavailableException.class);
    return (UnavailableException) t.getCause();
  }

  // --- (1) durability before completion --------------------------------------------------------

  @Test
  void concurrentSubmitsCompleteOnlyOnceTheirRowsAreVisibleFromAnotherConnection() throws Exception {
    GroupCommitWriter<Integer> writer = writer(10_000, 50, 2);
    int clients = 8;
    int requestsEach = 25;
    int perRequest = 4;
    ConcurrentLinkedQueue<String> notYetVisible = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<CompletableFuture<?>> checked = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        running.add(pool.submit(() -> {
          for (int r = 0; r < requestsEach; r++) {
            int first = (client * requestsEach + r) * perRequest;
            List<Integer> items = range(first, first + perRequest);
            CompletableFuture<List<Integer>> done = writer.submit(items);
            // Runs on the writer thread the moment the future completes (or here, if already done).
            checked.add(done.thenApply(stored -> {
              try {
                List<Integer> seen = visible(items);
                if (!seen.equals(items)) {
                  notYetVisible.add(items + " completed but only " + seen + " visible");
                }
              } catch (SQLException e) {
                notYetVisible.add(e.toString());
              }
              return stored;
            }));
            assertThat(done.join()).isEqualTo(items);
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      CompletableFuture.allOf(checked.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(notYetVisible).isEmpty();
    assertThat(checked).hasSize(clients * requestsEach);
    assertThat(rowCount()).isEqualTo(clients * requestsEach * perRequest);
    assertThat(writer.queuedEvents()).isZero();
    assertThat(listener.committedEvents.get()).isEqualTo(clients * requestsEach * perRequest);
    assertThat(listener.committedRequests.get()).isEqualTo(clients * requestsEach);
  }

  @Test
  void futureStaysPendingWhileTheTransactionIsOpen() throws Exception {
    GroupCommitWriter<Integer> writer = writer(100, 100, 1);
    sink.holdNextCall();
    CompletableFuture<List<Integer>> done = writer.submit(List.of(1, 2, 3));
    sink.awaitHeld();
    // The sink has inserted the rows but the writer has not committed yet.
    assertThat(done).isNotDone();
    assertThat(visible(List.of(1, 2, 3))).isEmpty();
    assertThat(writer.queuedEvents()).isEqualTo(3);
    sink.release();
    assertThat(done.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    assertThat(visible(List.of(1, 2, 3))).containsExactly(1, 2, 3);
    assertThat(writer.queuedEvents()).isZero();
  }

  // --- (2) grouping -------------------------------------------------------------------------

  @Test
  void requestsQueuedDuringACommitAreGroupedIntoOneTransaction() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 1);
    sink.holdNextCall();
    CompletableFuture<List<Integer>> first = writer.submit(List.of(0));
    sink.awaitHeld();
    List<CompletableFuture<List<Integer>>> rest = submitConcurrently(writer, 30);
    sink.release();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<List<Integer>> f : rest) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(sink.calls.get()).as("write() calls for 31 submits").isEqualTo(2);
    assertThat(sink.sizes).containsExactly(1, 30);
    assertThat(rowCount()).isEqualTo(31);
    assertThat(listener.committedRequests.get()).isEqualTo(31);
  }

  @Test
  void groupsNeverExceedMaxBatchEvents() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 10, 1);
    sink.holdNextCall();
    CompletableFuture<List<Integer>> first = writer.submit(List.of(0));
    sink.awaitHeld();
    List<CompletableFuture<List<Integer>>> rest = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      rest.add(writer.submit(List.of(i * 10, i * 10 + 1, i * 10 + 2))); // 3 events each
    }
    sink.release();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<List<Integer>> f : rest) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(sink.calls.get()).isLessThan(13);
    assertThat(sink.sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(10));
    assertThat(sink.sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(37);
    assertThat(rowCount()).isEqualTo(37);
  }

  @Test
  void aBusyWriterLetsAGroupFillUntilItIsFull() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 2, 2).fillWhileBusy(Duration.ofSeconds(30));
    sink.holdNextCall();
    CompletableFuture<List<Integer>> first = writer.submit(List.of(1));
    sink.awaitHeld();
    CompletableFuture<List<Integer>> second = writer.submit(List.of(2));
    Thread.sleep(200); // the second thread has taken it: without filling it would commit it alone now
    assertThat(second).isNotDone();
    CompletableFuture<List<Integer>> third = writer.submit(List.of(3));
    assertThat(third.get(10, TimeUnit.SECONDS)).containsExactly(3);
    assertThat(second).isCompleted();
    assertThat(first).as("the first commit is still held").isNotDone();
    assertThat(sink.sizes).containsExactly(1, 2);
    sink.release();
    first.get(10, TimeUnit.SECONDS);
    assertThat(rowCount()).isEqualTo(3);
  }

  @Test
  void aRequestThatDoesNotFitEndsTheFillAndStartsTheNextGroup() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 2, 2).fillWhileBusy(Duration.ofSeconds(30));
    sink.holdNextCall();
    CompletableFuture<List<Integer>> first = writer.submit(List.of(1));
    sink.awaitHeld();
    CompletableFuture<List<Integer>> second = writer.submit(List.of(2));
    Thread.sleep(200);
    CompletableFuture<List<Integer>> pair = writer.submit(List.of(3, 4));
    assertThat(second.get(10, TimeUnit.SECONDS)).containsExactly(2);
    assertThat(pair.get(10, TimeUnit.SECONDS)).containsExactly(3, 4);
    assertThat(first).isNotDone();
    assertThat(sink.sizes).containsExactly(1, 1, 2);
    sink.release();
    first.get(10, TimeUnit.SECONDS);
    assertThat(rowCount()).isEqualTo(4);
  }

  @Test
  void anIdleWriterCommitsAtOnceWhateverItsFillTime() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 2).fillWhileBusy(Duration.ofSeconds(30));
    assertThat(writer.submit(List.of(7)).get(10, TimeUnit.SECONDS)).containsExactly(7);
    assertThat(writer.submit(List.of(8, 9)).get(10, TimeUnit.SECONDS)).containsExactly(8, 9);
    assertThat(sink.sizes).containsExactly(1, 2);
  }

  @Test
  void aRequestLargerThanMaxBatchIsStillCommittedWhole() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 10, 1);
    List<Integer> big = range(0, 25);
    assertThat(writer.submit(big).get(10, TimeUnit.SECONDS)).isEqualTo(big);
    assertThat(sink.sizes).containsExactly(25);
    assertThat(rowCount()).isEqualTo(25);
  }

  private List<CompletableFuture<List<Integer>>> submitConcurrently(GroupCommitWriter<Integer> writer, int n)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<CompletableFuture<List<Integer>>>> submitted = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        int id = i;
        submitted.add(pool.submit(() -> writer.submit(List.of(id))));
      }
      List<CompletableFuture<List<Integer>>> futures = new ArrayList<>();
      for (Future<CompletableFuture<List<Integer>>> f : submitted) {
        futures.add(f.get(10, TimeUnit.SECONDS));
      }
      return futures;
    } finally {
      pool.shutdown();
    }
  }

  // --- (3) back-pressure --------------------------------------------------------------------

  @Test
  void fullQueueRefusesAtOnceWithUnavailable() throws Exception {
    GroupCommitWriter<Integer> writer = writer(10, 100, 1);
    sink.holdNextCall();
    CompletableFuture<List<Integer>> inFlight = writer.submit(range(0, 4));
    sink.awaitHeld();
    CompletableFuture<List<Integer>> queued = writer.submit(range(4, 10)); // exactly fills the capacity
    assertThat(writer.queuedEvents()).isEqualTo(10);

    CompletableFuture<List<Integer>> refused = writer.submit(List.of(10));

    assertThat(refused).as("refused without waiting").isCompletedExceptionally();
    UnavailableException e = unavailable(refused);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.retryAfter()).isEqualTo(RETRY_AFTER);
    assertThat(e.getMessage()).contains("queue full");
    assertThat(listener.refusals).hasSize(1);
    assertThat(writer.queuedEvents()).as("a refusal takes no room").isEqualTo(10);

    sink.release();
    assertThat(inFlight.get(10, TimeUnit.SECONDS)).hasSize(4);
    assertThat(queued.get(10, TimeUnit.SECONDS)).hasSize(6);
    assertThat(visible(List.of(10))).isEmpty();
    assertThat(writer.submit(List.of(10)).get(10, TimeUnit.SECONDS)).containsExactly(10);
    assertThat(rowCount()).isEqualTo(11);
  }

  @Test
  void aRequestLargerThanTheWholeQueueIsRefused() {
    GroupCommitWriter<Integer> writer = writer(10, 100, 1);
    CompletableFuture<List<Integer>> refused = writer.submit(range(0, 11));
    assertThat(refused).isCompletedExceptionally();
    unavailable(refused);
    assertThat(writer.queuedEvents()).isZero();
  }

  // --- (4) database failure -----------------------------------------------------------------

  @Test
  void failedCommitFailsEveryRequestOfTheGroupAndTheWriterRecoversAfterThePause() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 1);
    sink.holdNextCall();
    CompletableFuture<List<Integer>> first = writer.submit(List.of(1));
    sink.awaitHeld();
    List<CompletableFuture<List<Integer>>> group = List.of(
        writer.submit(List.of(2, 3)), writer.submit(List.of(4)), writer.submit(List.of(5, 6, 7)));
    SQLException boom = new SQLException("connection lost", "08006");
    sink.failNextCallWith(boom);
    sink.release();

    assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly(1);
    for (CompletableFuture<List<Integer>> f : group) {
      UnavailableException e = unavailable(f);
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.retryAfter()).isEqualTo(RETRY_AFTER);
      assertThat(e.getCause()).isSameAs(boom);
    }
    assertThat(sink.sizes).containsExactly(1, 6);
    assertThat(visible(range(1, 8))).as("the failed group was rolled back").containsExactly(1);
    assertThat(listener.failures).containsExactly("3 requests, 6 events");
    assertThat(writer.queuedEvents()).isZero();
    assertThat(storedBatches).containsExactly(List.of(1));

    // New requests are refused during the pause instead of piling up.
    CompletableFuture<List<Integer>> duringPause = writer.submit(List.of(8));
    assertThat(duringPause).isCompletedExceptionally();
    assertThat(unavailable(duringPause).getMessage()).contains("database unavailable");

    clock.advance(Duration.ofMillis(1_001));
    assertThat(writer.submit(List.of(2, 3)).get(10, TimeUnit.SECONDS)).containsExactly(2, 3);
    assertThat(visible(range(1, 8))).containsExactly(1, 2, 3);
  }

  @Test
  void runtimeExceptionFromTheSinkIsAlsoAnsweredUnavailable() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 1);
    sink.failNextCallWith(new IllegalStateException("driver bug"));
    UnavailableException e = unavailable(writer.submit(List.of(1)));
    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(rowCount()).isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(writer.submit(List.of(1)).get(10, TimeUnit.SECONDS)).containsExactly(1);
  }

  @Test
  void missingPartitionIsRepairedOnceAndTheGroupRetried() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 1);
    sink.failNextCallWith(new SQLException("no partition of relation \"plate_reads\" found for row", "23514"));
    assertThat(writer.submit(List.of(1, 2)).get(10, TimeUnit.SECONDS)).containsExactly(1, 2);
    assertThat(repairs.get()).isEqualTo(1);
    assertThat(sink.calls.get()).isEqualTo(2);
    assertThat(visible(List.of(1, 2))).containsExactly(1, 2);
    assertThat(listener.failures).isEmpty();
  }

  @Test
  void missingPartitionThatRepairDoesNotFixFailsTheGroup() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 1);
    sink.failNextCallsWith(2, () -> new SQLException("no partition", "23514"));
    unavailable(writer.submit(List.of(1)));
    assertThat(repairs.get()).isEqualTo(1);
    assertThat(sink.calls.get()).isEqualTo(2);
    assertThat(rowCount()).isZero();
  }

  // --- (5) after-commit notification --------------------------------------------------------

  @Test
  void onStoredReceivesOnlyWhatTheSinkReportedAsNew() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 1);
    writer.submit(List.of(1, 2, 3)).get(10, TimeUnit.SECONDS);
    // A retry of 2 and 3 together with new 4 and 5: the request still completes with everything it sent.
    assertThat(writer.submit(List.of(2, 3, 4, 5)).get(10, TimeUnit.SECONDS)).containsExactly(2, 3, 4, 5);
    // A pure retry stores nothing new.
    assertThat(writer.submit(List.of(1, 5)).get(10, TimeUnit.SECONDS)).containsExactly(1, 5);
    assertThat(storedBatches).containsExactly(List.of(1, 2, 3), List.of(4, 5));
    assertThat(rowCount()).isEqualTo(5);
  }

  @Test
  void onStoredFailureDoesNotFailTheRequest() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 1, stored -> {
      throw new IllegalStateException("event bus down");
    });
    assertThat(writer.submit(List.of(1)).get(10, TimeUnit.SECONDS)).containsExactly(1);
    assertThat(writer.submit(List.of(2)).get(10, TimeUnit.SECONDS)).containsExactly(2);
    assertThat(rowCount()).isEqualTo(2);
  }

  @Test
  void throwingListenerDoesNotUndoACommit() throws Exception {
    GroupCommitWriter<Integer> writer = new GroupCommitWriter<>("test", dataSource, sink, storedBatches::add,
        repairs::incrementAndGet, new GroupCommitWriter.Listener() {
          @Override
          public void committed(int requests, int events, long nanos) {
            throw new IllegalStateException("metrics registry closed");
          }
        }, 1_000, 100, 1, RETRY_AFTER, clock);
    writers.add(writer);
    CompletableFuture<List<Integer>> done = writer.submit(List.of(1, 2));
    assertThat(catchThrowable(() -> done.get(10, TimeUnit.SECONDS))).isNull();
    assertThat(visible(List.of(1, 2))).containsExactly(1, 2);
    assertThat(writer.queuedEvents()).isZero();
  }

  // --- (6) shutdown -------------------------------------------------------------------------

  @Test
  void closeCommitsWhatWasQueuedAndThenRefuses() throws Exception {
    GroupCommitWriter<Integer> writer = writer(1_000, 100, 1);
    sink.holdNextCall();
    CompletableFuture<List<Integer>> first = writer.submit(List.of(1));
    sink.awaitHeld();
    List<CompletableFuture<List<Integer>>> queued = new ArrayList<>();
    for (int i = 2; i <= 20; i++) {
      queued.add(writer.submit(List.of(i)));
    }
    Thread closer = new Thread(writer::close);
    closer.start();
    closer.join(300);
    assertThat(closer.isAlive()).as("close waits for the queue to drain").isTrue();
    assertThat(queued).allSatisfy(f -> assertThat(f).isNotDone());

    CompletableFuture<List<Integer>> afterClose = writer.submit(List.of(99));
    assertThat(afterClose).isCompletedExceptionally();
    assertThat(unavailable(afterClose).getMessage()).contains("shutting down");

    sink.release();
    closer.join(15_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(first).isCompleted();
    assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
    assertThat(rowCount()).isEqualTo(20);
    assertThat(writer.queuedEvents()).isZero();
  }

  // --- fixtures -----------------------------------------------------------------------------

  /** Inserts items into {@code items}, reporting only the ids that were new; can be held or made to fail. */
  static final class ItemSink implements BatchSink<Integer> {

    final AtomicInteger calls = new AtomicInteger();
    final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile java.util.function.Supplier<Exception> failure;

    /** The next write() inserts, then waits for {@link #release()} before returning. */
    void holdNextCall() {
      held = new CountDownLatch(1);
      CountDownLatch g = new CountDownLatch(1);
      gate = g;
      hold.set(g);
    }

    void awaitHeld() throws InterruptedException {
      assertThat(held.await(10, TimeUnit.SECONDS)).as("sink called").isTrue();
    }

    void release() {
      gate.countDown();
    }

    /** The next write() (decided when it starts) inserts, then throws {@code e}. */
    void failNextCallWith(Exception e) {
      failNextCallsWith(1, () -> e);
    }

    void failNextCallsWith(int n, java.util.function.Supplier<Exception> e) {
      failure = e;
      failuresLeft.set(n);
    }

    @Override
    public List<Integer> write(Connection c, List<Integer> items) throws SQLException {
      calls.incrementAndGet();
      sizes.add(items.size());
      boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      CountDownLatch myGate = hold.getAndSet(null);
      List<Integer> inserted = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO items (id) SELECT unnest(?::int4[]) ON CONFLICT DO NOTHING RETURNING id")) {
        ps.setArray(1, c.createArrayOf("int4", items.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(rs.getInt(1));
          }
        }
      }
      if (myGate != null) {
        held.countDown();
        try {
          myGate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted", e);
        }
      }
      if (fail) {
        Exception e = failure.get();
        if (e instanceof SQLException sql) {
          throw sql;
        }
        throw (RuntimeException) e;
      }
      return items.stream().filter(inserted::contains).toList();
    }
  }

  static final class RecordingListener implements GroupCommitWriter.Listener {
    final AtomicInteger committedRequests = new AtomicInteger();
    final AtomicInteger committedEvents = new AtomicInteger();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<String> refusals = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void committed(int requests, int events, long nanos) {
      committedRequests.addAndGet(requests);
      committedEvents.addAndGet(events);
    }

    @Override
    public void failed(int requests, int events, Exception cause) {
      failures.add(requests + " requests, " + events + " events");
    }

    @Override
    public void refused(String reason) {
      refusals.add(reason);
    }
  }
}
