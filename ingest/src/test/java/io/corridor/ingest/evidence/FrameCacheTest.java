package io.corridor.ingest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.storage.evidence.EvidenceFrame;
import io.corridor.storage.evidence.EvidenceResult;
import io.corridor.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class FrameCacheTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  final MutableClock clock = new MutableClock(T0);

  static EvidenceFrame frame(String camera, String id, int bytes) {
    return new EvidenceFrame(camera, id, T0, "image/jpeg", new byte[bytes]);
  }

  @Test
  void aFrameIsHeldUntilItsAgeLimit() {
    FrameCache cache = new FrameCache(1000, 10, Duration.ofSeconds(60), clock);
    cache.put(frame("cam-1", "f1", 100));
    clock.advance(Duration.ofSeconds(30));
    cache.put(frame("cam-1", "f2", 100));
    clock.advance(Duration.ofSeconds(29));
    assertThat(cache.get("cam-1", "f1")).isPresent();

    clock.advance(Duration.ofSeconds(1));

    assertThat(cache.get("cam-1", "f1")).as("60 s old").isEmpty();
    assertThat(cache.get("cam-1", "f2")).isPresent();
    assertThat(cache.size()).isOne();
    assertThat(cache.bytes()).isEqualTo(100);
  }

  @Test
  void theOldestFramesGoFirstPastTheByteOrCountBound() {
    FrameCache byBytes = new FrameCache(250, 10, Duration.ofSeconds(60), clock);
    byBytes.put(frame("cam-1", "f1", 100));
    byBytes.put(frame("cam-1", "f2", 100));
    byBytes.put(frame("cam-1", "f3", 100));
    assertThat(byBytes.get("cam-1", "f1")).isEmpty();
    assertThat(byBytes.get("cam-1", "f3")).isPresent();
    assertThat(byBytes.bytes()).isEqualTo(200);

    FrameCache byCount = new FrameCache(10_000, 2, Duration.ofSeconds(60), clock);
    byCount.put(frame("cam-1", "f1", 10));
    byCount.put(frame("cam-1", "f2", 10));
    byCount.put(frame("cam-1", "f3", 10));
    assertThat(byCount.size()).isEqualTo(2);
    assertThat(byCount.get("cam-1", "f1")).isEmpty();
  }

  @Test
  void anImageLargerThanTheBoundIsNotHeldAndZeroBytesHoldsNothing() {
    FrameCache cache = new FrameCache(100, 10, Duration.ofSeconds(60), clock);
    assertThat(cache.put(frame("cam-1", "big", 101))).isFalse();
    assertThat(cache.get("cam-1", "big")).isEmpty();
    FrameCache off = new FrameCache(0, 10, Duration.ofSeconds(60), clock);
    assertThat(off.put(frame("cam-1", "f1", 1))).isFalse();
    assertThat(off.size()).isZero();
  }

  @Test
  void aRetryReplacesTheCopyAndFramesAreKeyedByCamera() {
    FrameCache cache = new FrameCache(1000, 10, Duration.ofSeconds(60), clock);
    cache.put(frame("cam-1", "f1", 100));
    cache.put(frame("cam-1", "f1", 100));
    cache.put(frame("cam-2", "f1", 50));
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.bytes()).isEqualTo(150);
    assertThat(cache.get("cam-2", "f1")).get().extracting(f -> f.image().length).isEqualTo(50);
  }

  @Test
  void markingAFrameNoLongerCachedSaysSoInsteadOfFailing() {
    FrameCache cache = new FrameCache(1000, 10, Duration.ofSeconds(60), clock);
    cache.put(frame("cam-1", "f1", 100));
    clock.advance(Duration.ofSeconds(61));
    Executor mustNotRun = task -> {
      throw new AssertionError("nothing to store");
    };
    CachedFrameEvidence evidence = new CachedFrameEvidence(cache, null, mustNotRun, Duration.ofDays(90), clock);

    EvidenceResult result = evidence.markEvidence("cam-1", "f1", "alert a-1", "rule:hotlist").join();

    assertThat(result.outcome()).isEqualTo(EvidenceResult.Outcome.NOT_AVAILABLE);
    assertThat(result.kept()).isFalse();
    assertThat(result.detail()).contains("not available", "expired from the cache");
    assertThat(evidence.markEvidence("cam-1", " ", "alert a-1", "rule:hotlist")).isCompletedExceptionally();
  }
}
