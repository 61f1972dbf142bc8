package io.corridor.anpr.openalpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.anpr.RecognitionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandlePoolTest {

  private final AtomicInteger created = new AtomicInteger();
  private final List<Integer> disposed = new ArrayList<>();
  private final HandlePool<Integer> pool =
      new HandlePool<>("test pool", 2, created::incrementAndGet, disposed::add, Duration.ofMillis(20));

  @Test
  void createsLazilyAndReuses() {
    Integer first = pool.borrow();
    pool.release(first);
    assertThat(pool.borrow()).isEqualTo(first);
    assertThat(created).hasValue(1);
  }

  @Test
  void neverHandsOutMoreThanItsSize() {
    Integer a = pool.borrow();
    Integer b = pool.borrow();
    assertThat(a).isNotEqualTo(b);
    assertThatThrownBy(pool::borrow).isInstanceOf(RecognitionException.class)
        .hasMessage("test pool: all 2 handles stayed busy for 20 ms; more callers than handles, size the worker pool to the handle count");
    pool.release(a);
    assertThat(pool.borrow()).isEqualTo(a);
    assertThat(created).hasValue(2);
  }

  @Test
  void closeDisposesIdleHandlesNowAndBorrowedOnesOnReturn() {
    Integer a = pool.borrow();
    Integer b = pool.borrow();
    pool.release(b);
    pool.close();
    assertThat(disposed).containsExactly(b);
    pool.release(a);
    assertThat(disposed).containsExactly(b, a);
    assertThatThrownBy(pool::borrow).hasMessage("test pool is closed");
  }

  @Test
  void aFailingFactoryDoesNotLeakAPermit() {
    HandlePool<Integer> failing = new HandlePool<>("failing", 1, () -> {
      throw new IllegalStateException("no model");
    }, h -> {}, Duration.ofMillis(20));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(failing::borrow).hasMessage("no model");
    }
  }

  @Test
  void restoresTheInterruptFlag() {
    pool.borrow();
    pool.borrow();
    Thread.currentThread().interrupt();
    assertThatThrownBy(pool::borrow).hasMessage("test pool: interrupted while waiting for a handle");
    assertThat(Thread.interrupted()).isTrue();
  }
}
