package io.corridor.rules.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.rules.engine.doc.RuleDocuments;
import io.corridor.rules.engine.section.JourneyStore;
import io.corridor.rules.engine.section.LocalJourneyStore;
import io.corridor.rules.engine.signal.LocalSignalStore;
import io.corridor.rules.engine.signal.SignalStore;
import io.corridor.rules.engine.site.SiteParser;
import io.corridor.storage.PlateProtector;
import io.corridor.testkit.MutableClock;
import io.corridor.testkit.Reads;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Feeds (event, time) pairs to a {@link StandardViolationEngine}: the clock stands at the given
 * time when the event is evaluated. Sites and rules are given as the documents an operator writes.
 */
final class EngineHarness {

  final MutableClock clock;
  final PlateProtector protector = new PlateProtector(key(1), key(2));
  final EngineMetrics metrics = new EngineMetrics();
  final StandardViolationEngine engine;

  EngineHarness(Instant start) {
    this(start, new LocalJourneyStore(), new LocalSignalStore());
  }

  EngineHarness(Instant start, JourneyStore journeys, SignalStore signals) {
    clock = new MutableClock(start);
    engine = new StandardViolationEngine(StandardViolationEngine.Parts.of(clock, protector, metrics, journeys, signals));
  }

  /** Adds a site written as YAML (the API takes the same fields as JSON). */
  EngineHarness site(String id, String yaml) throws Exception {
    engine.parts().sites().put(SiteParser.parse(id, new YAMLMapper().readTree(yaml)));
    return this;
  }

  /** Puts a rule document in force. */
  EngineHarness rule(String yaml) throws Exception {
    engine.rules().install(RuleDocuments.parse(yaml, null, null));
    return this;
  }

  /** Evaluates {@code read} with the clock at {@code at}. */
  List<Violation> feed(PlateRead read, Instant at) throws Exception {
    moveTo(at);
    return engine.evaluate(read).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Evaluates {@code read} with the clock a little after its event time. */
  List<Violation> feed(PlateRead read) throws Exception {
    Instant at = read.getEventTime().plusMillis(200);
    return feed(read, at.isBefore(clock.instant()) ? clock.instant() : at);
  }

  /** Runs the sweep with the clock at {@code at}. */
  List<Violation> sweep(Instant at) throws Exception {
    moveTo(at);
    return engine.sweep().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  void moveTo(Instant at) {
    Duration d = Duration.between(clock.instant(), at);
    if (d.isNegative()) {
      throw new IllegalArgumentException("the harness clock only moves forward: " + clock.instant() + " > " + at);
    }
    clock.advance(d);
  }

  static PlateRead read(String camera, String plate, Instant at, Float speed, Integer lane) {
    return Reads.read(camera, plate, at).setSpeedKmh(speed).setLane(lane).build();
  }

  static PlateRead read(String camera, String plate, Instant at) {
    return read(camera, plate, at, null, 1);
  }

  static byte[] key(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  static String json(Object o) throws Exception {
    return new ObjectMapper().writeValueAsString(o);
  }
}
