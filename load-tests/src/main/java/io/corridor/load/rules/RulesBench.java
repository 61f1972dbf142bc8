package io.corridor.load.rules;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.rules.engine.EngineMetrics;
import io.corridor.rules.engine.ReadContext;
import io.corridor.rules.engine.ReadRule;
import io.corridor.rules.engine.StandardViolationEngine;
import io.corridor.rules.engine.doc.RuleDocuments;
import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.section.HazelcastJourneyStore;
import io.corridor.rules.engine.section.JourneyStore;
import io.corridor.rules.engine.section.LocalJourneyStore;
import io.corridor.rules.engine.section.RawUpdate;
import io.corridor.rules.engine.section.SectionChain;
import io.corridor.rules.engine.section.SectionRule;
import io.corridor.rules.engine.section.Sighting;
import io.corridor.rules.engine.signal.LocalSignalStore;
import io.corridor.rules.engine.site.SiteParser;
import io.corridor.rules.engine.site.VehicleClass;
import io.corridor.storage.PlateProtector;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bin/corridor bench rules}: (1) the stateless rules (spot speed, zone, lane, registry) in
 * one thread, through the whole engine (plate HMAC, site and registry look-up, violation building)
 * and the rules alone on prepared contexts; (2) section pairing on a two-member embedded Hazelcast
 * cluster against the raw asynchronous entry-processor rate (read previous value, write new one),
 * alternating in the same run on the same members, keys and in-flight window.
 */
public final class RulesBench {

  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  private final RulesBenchOptions options;
  private final PrintStream out;
  private final PlateProtector protector = new PlateProtector(filled(1), filled(2));

  /** Reports to {@code out}. */
  public RulesBench(RulesBenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs both parts; returns the exit code. */
  public int run() throws Exception {
    out.printf("bench rules: %d s per phase after %d s warm-up, %d plates, %d cores, JDK %s%n", options.seconds(),
        options.warmupSeconds(), options.plates(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    String[] plates = plates(options.plates());
    stateless(plates);
    pairing(plates);
    return 0;
  }

  private void stateless(String[] plates) throws Exception {
    EngineMetrics metrics = new EngineMetrics();
    StandardViolationEngine engine = new StandardViolationEngine(StandardViolationEngine.Parts.of(Clock.systemUTC(),
        protector, metrics, new LocalJourneyStore(), new LocalSignalStore()));
    for (int c = 0; c < 100; c++) {
      engine.parts().sites().put(SiteParser.parse("site-" + c, new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
          {"device": "cam-%d", "country": "DE", "timezone": "Europe/Berlin", "lanes": 3,
           "limits": {"car": 100, "bus": 80, "hgv>3.5t": 80, "hgv>7.5t": 60}, "laneLimits": {"3": {"car": 80}},
           "measurement": "radar", "calibration": {"certificate": "PTB-%d", "validUntil": "2030-01-01"},
           "purpose": "enforcement"}""".formatted(c, c))));
    }
    for (String doc : List.of("""
        id: speed-de
        version: 1
        type: spot-speed
        tolerances: [{country: DE, bands: [{below: 100, kmh: 3}, {percent: 3}]}]
        """, """
        id: centre-hgv
        version: 1
        type: restricted-zone
        cameras: [cam-1, cam-2, cam-3, cam-4, cam-5, cam-6, cam-7, cam-8, cam-9, cam-10]
        timezone: Europe/Berlin
        windows: [{days: [mon, tue, wed, thu, fri], from: "07:00", to: "19:00"}]
        classes: [hgv>3.5t, hgv>7.5t]
        permits: centre
        """, """
        id: bus-lanes
        version: 1
        type: restricted-lane
        cameras: [cam-11, cam-12, cam-13, cam-14, cam-15]
        lanes: [3]
        timezone: Europe/Berlin
        allowedClasses: [bus]
        """, """
        id: registry-xk
        version: 1
        type: registry
        countries: [XK]
        checks: [uninsured, registration-expired]
        """)) {
      engine.rules().install(RuleDocuments.parse(doc, null, null));
    }
    Map<String, RegistryRecord> registry = new HashMap<>();
    VehicleClass[] classes = VehicleClass.values();
    Random random = new Random(42);
    for (int i = 0; i < plates.length; i++) {
      // Mostly cars, 1 % uninsured: a realistic stream, where few reads are offences.
      VehicleClass cls = i % 20 < 17 ? VehicleClass.CAR : classes[i % classes.length];
      registry.put(HexFormat.of().formatHex(protector.hash(plates[i])), new RegistryRecord(cls,
          3 + i % 4, i % 100 == 0 ? LocalDate.of(2026, 1, 1) : LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 1)));
    }
    engine.parts().registry().replace(registry);
    int n = 1 << 18;
    PlateRead[] reads = new PlateRead[n];
    for (int i = 0; i < n; i++) {
      reads[i] = PlateRead.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId("cam-" + random.nextInt(100))
          .setEventTime(T0.plusMillis(i * 50L)).setPlate(plates[random.nextInt(plates.length)]).setCountry("XK")
          .setConfidence(0.9f).setLane(1 + random.nextInt(2)).setSpeedKmh(random.nextInt(100) < 3 ? 110f + random.nextInt(30)
              : 50f + random.nextInt(30))
          .setFrameIds(List.of()).build();
    }
    long[] found = {0};
    Rate engineRate = timed(i -> found[0] += engine.evaluate(reads[i & (n - 1)]).toCompletableFuture().join().size());
    out.printf("stateless, whole engine (HMAC, look-ups, 4 rules, 1 thread): %,.0f reads/s wall, %,.0f reads per CPU-second"
        + " (%.1f%% of reads gave a violation)%n", engineRate.wall(), engineRate.cpu(), 100.0 * found[0] / Math.max(1, calls));

    byte[][] hashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      hashes[i] = protector.hash(reads[i].getPlate());
    }
    Rate knownRate = timed(i -> engine.evaluate(reads[i & (n - 1)], hashes[i & (n - 1)]).toCompletableFuture().join());
    out.printf("stateless, whole engine with the stored blind index (no HMAC): %,.0f reads/s wall, %,.0f reads per CPU-second%n",
        knownRate.wall(), knownRate.cpu());

    List<ReadRule> rules = engine.rules().snapshot().readRules();
    ReadContext[] contexts = new ReadContext[n];
    for (int i = 0; i < n; i++) {
      byte[] hash = hashes[i];
      RegistryRecord r = engine.parts().registry().lookup(hash);
      contexts[i] = new ReadContext(reads[i], engine.parts().sites().byDevice(reads[i].getDeviceId()), hash, r,
          r == null ? null : r.vehicleClass(), T0);
    }
    List<Violation> sink = new ArrayList<>();
    Rate rulesRate = timed(i -> {
      ReadContext ctx = contexts[i & (n - 1)];
      for (ReadRule rule : rules) {
        rule.evaluate(ctx, sink);
      }
      if (sink.size() > 1000) {
        sink.clear();
      }
    });
    out.printf("stateless, rules on prepared contexts (1 thread): %,.0f reads/s wall, %,.0f reads per CPU-second%n",
        rulesRate.wall(), rulesRate.cpu());
  }

  private long calls;

  /** Reads per second of wall time and per second of this thread's CPU time (robust on a shared, busy machine). */
  private record Rate(double wall, double cpu) {}

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  private Rate timed(java.util.function.IntConsumer step) {
    long warmEnd = System.nanoTime() + options.warmupSeconds() * 1_000_000_000L;
    int i = 0;
    while (System.nanoTime() < warmEnd) {
      for (int k = 0; k < 1000; k++) {
        step.accept(i++);
      }
    }
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long end = start + options.seconds() * 1_000_000_000L;
    long count = 0;
    while (System.nanoTime() < end) {
      for (int k = 0; k < 1000; k++) {
        step.accept(i++);
      }
      count += 1000;
    }
    calls = i; // every call, warm-up included, for the share of reads that gave a violation
    double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    return new Rate(count / ((System.nanoTime() - start) / 1e9), count / cpu);
  }

  private void pairing(String[] plates) throws Exception {
    List<HazelcastInstance> members = members(2);
    ExecutorService callbacks = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("bench-cb-", 0).daemon().factory());
    try {
      HazelcastInstance a = members.get(0);
      String[] keys = new String[plates.length];
      for (int i = 0; i < plates.length; i++) {
        keys[i] = "section-bench|" + HexFormat.of().formatHex(protector.hash(plates[i]));
      }
      IMap<String, Long> raw = a.getMap("bench.raw");
      HazelcastJourneyStore journeys = new HazelcastJourneyStore(a, callbacks);
      SectionChain chain = ((SectionRule) compile("""
          id: section-bench
          version: 1
          type: section-speed
          window: 1h
          tolerance: {bands: [{below: 100, kmh: 3}, {percent: 3}]}
          sections: [{id: S1, entry: cam-in, exit: cam-out, distanceMeters: 5000, limits: {car: 100}}]
          """, journeys)).chain();
      List<Double> rawRates = new ArrayList<>();
      List<Double> pairRates = new ArrayList<>();
      List<Double> rawCpu = new ArrayList<>();
      List<Double> pairCpu = new ArrayList<>();
      for (int round = 0; round < options.rounds(); round++) {
        rawRates.add(asyncRate(i -> raw.submitToKey(keys[i % keys.length], new RawUpdate(i))
            .thenApplyAsync(x -> x, callbacks)));
        rawCpu.add(lastCpuRate);
        pairRates.add(asyncRate(i -> {
          int plate = (i / 2) % keys.length;
          boolean entry = i % 2 == 0;
          long t = T0.toEpochMilli() + (i / 2) * 10L + (entry ? 0 : 300_000); // 5 km in 300 s: 60 km/h
          return journeys.advance(keys[plate], chain,
              new Sighting("r" + i, entry ? "cam-in" : "cam-out", t, "car", List.of()));
        }));
        pairCpu.add(lastCpuRate);
        out.printf("round %d: raw entry processor %,.0f ops/s (%,.0f per process CPU-second); section pairing %,.0f"
            + " sightings/s (%,.0f per CPU-second); journeys left: %d%n", round + 1, rawRates.getLast(), rawCpu.getLast(),
            pairRates.getLast(), pairCpu.getLast(), journeys.size());
      }
      double rawMean = mean(rawRates);
      double pairMean = mean(pairRates);
      out.printf("two members, %d in flight, async with a 2-thread callback pool: raw %,.0f ops/s, pairing %,.0f/s,"
          + " ratio %.2f (per CPU-second: %.2f)%n", options.inFlight(), rawMean, pairMean, pairMean / rawMean,
          mean(pairCpu) / mean(rawCpu));
    } finally {
      members.forEach(HazelcastInstance::shutdown);
      callbacks.shutdownNow();
    }
  }

  private io.corridor.rules.engine.Rule compile(String yaml, JourneyStore journeys) throws Exception {
    StandardViolationEngine e = new StandardViolationEngine(StandardViolationEngine.Parts.of(Clock.systemUTC(), protector,
        new EngineMetrics(), journeys, new LocalSignalStore()));
    return e.rules().compile(RuleDocuments.parse(yaml, null, null));
  }

  private double asyncRate(java.util.function.IntFunction<java.util.concurrent.CompletionStage<?>> call) throws Exception {
    Semaphore window = new Semaphore(options.inFlight());
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    int[] i = {0};
    Runnable one = () -> {
      window.acquireUninterruptibly();
      call.apply(i[0]++).whenComplete((v, e) -> {
        if (e != null) {
          failed.incrementAndGet();
        }
        done.incrementAndGet();
        window.release();
      });
    };
    long warmEnd = System.nanoTime() + options.warmupSeconds() * 1_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      one.run();
    }
    long startDone = done.get();
    long cpuStart = processCpu();
    long start = System.nanoTime();
    long end = start + options.seconds() * 1_000_000_000L;
    while (System.nanoTime() < end) {
      one.run();
    }
    long ops = done.get() - startDone;
    double rate = ops / ((System.nanoTime() - start) / 1e9);
    lastCpuRate = ops / ((processCpu() - cpuStart) / 1e9);
    window.acquire(options.inFlight());
    window.release(options.inFlight());
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " calls failed");
    }
    return rate;
  }

  private double lastCpuRate;

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static List<HazelcastInstance> members(int n) throws Exception {
    String cluster = "bench-rules-" + UUID.randomUUID();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        ports.add(s.getLocalPort());
      }
    }
    List<HazelcastInstance> out = new ArrayList<>();
    for (int port : ports) {
      Config c = new Config().setClusterName(cluster);
      c.setProperty("hazelcast.phone.home.enabled", "false");
      c.setProperty("hazelcast.wait.seconds.before.join", "0");
      c.setProperty("hazelcast.logging.type", "slf4j");
      NetworkConfig net = c.getNetworkConfig();
      net.setPort(port).setPortAutoIncrement(false);
      net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
      net.getJoin().getMulticastConfig().setEnabled(false);
      net.getJoin().getAutoDetectionConfig().setEnabled(false);
      net.getJoin().getTcpIpConfig().setEnabled(true);
      ports.forEach(p -> net.getJoin().getTcpIpConfig().addMember("127.0.0.1:" + p));
      out.add(Hazelcast.newHazelcastInstance(c));
    }
    return out;
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(d -> d).average().orElse(0);
  }

  private static String[] plates(int n) {
    String[] plates = new String[n];
    for (int i = 0; i < n; i++) {
      plates[i] = String.format("%02d%03d%c%c", i % 90 + 10, (i / 90) % 1000, (char) ('A' + i % 26), (char) ('A' + (i / 26) % 26));
    }
    return plates;
  }

  private static byte[] filled(int b) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) b);
    return k;
  }
}
