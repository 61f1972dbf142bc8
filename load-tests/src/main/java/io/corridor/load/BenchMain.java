package io.corridor.load;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code bin/corridor bench}: {@code bench ingest [options]}. Exit codes: 0 the run
 * completed and verified, 1 it failed or its verification did not match, 2 bad command line.
 */
public final class BenchMain {

  private static final String USAGE = """
      usage: bin/corridor bench <benchmark> [options]
      benchmarks:
        ingest   plate reads over HTTP (Avro batches) against a local node vs. COPY of the same rows
        tracking positions through OsmAnd HTTP and MQTT QoS 1 into committed rows vs. COPY of the same rows
        rules    stateless violation rules in one thread; section pairing vs. raw entry processors on two Hazelcast members
        queries  analysts' plate history, passes and convoy queries over synthetic days of reads
        read-outboxes [batch] [shipments]  what the cargo look-up of truck plates adds to a commit of reads
        position-outbox [group] [blocks]   PostgreSQL's CPU per committed position: the cargo outbox per position vs. per commit""";

  private BenchMain() {}

  /** Runs the named benchmark and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args)));
  }

  /** Runs the named benchmark; returns the exit code. */
  static int run(List<String> args) {
    if (args.isEmpty() || args.getFirst().equals("help") || args.getFirst().equals("--help")) {
      System.out.println(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    if (args.getFirst().equals("tracking")) {
      quietLogging();
      try {
        return new TrackingBench(args.subList(1, args.size()), System.out).run();
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      } catch (Exception e) {
        System.err.println("bench tracking failed: " + e);
        e.printStackTrace(System.err);
        return 1;
      }
    }
    if (args.getFirst().equals("rules")) {
      return rules(args.subList(1, args.size()));
    }
    if (args.getFirst().equals("read-outboxes")) {
      quietLogging();
      try {
        return new ReadOutboxBench(args.subList(1, args.size()), System.out).run();
      } catch (Exception e) {
        System.err.println("bench read-outboxes failed: " + e);
        return 1;
      }
    }
    if (args.getFirst().equals("position-outbox")) {
      quietLogging();
      try {
        return new PositionOutboxBench(args.subList(1, args.size()), System.out).run();
      } catch (Exception e) {
        System.err.println("bench position-outbox failed: " + e);
        return 1;
      }
    }
    if (args.getFirst().equals("queries")) {
      return queries(args.subList(1, args.size()));
    }
    if (!args.getFirst().equals("ingest")) {
      System.err.println("bench: unknown benchmark '" + args.getFirst() + "'");
      System.err.println(USAGE);
      return 2;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args.subList(1, args.size()));
    } catch (BenchOptions.UsageException e) {
      if (e.getMessage() == null) {
        System.out.println(BenchOptions.USAGE);
        return 0;
      }
      System.err.println("bench ingest: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      return 2;
    }
    quietLogging();
    try {
      return new IngestBench(options, System.out).run();
    } catch (Exception e) {
      System.err.println("bench ingest failed: " + e);
      e.printStackTrace(System.err);
      return 1;
    }
  }

  private static int rules(List<String> args) {
    io.corridor.load.rules.RulesBenchOptions options;
    try {
      options = io.corridor.load.rules.RulesBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench rules: " + e.getMessage());
      System.err.println(io.corridor.load.rules.RulesBenchOptions.USAGE);
      return 2;
    }
    if (options == null) {
      System.out.println(io.corridor.load.rules.RulesBenchOptions.USAGE);
      return 0;
    }
    quietLogging();
    try {
      return new io.corridor.load.rules.RulesBench(options, System.out).run();
    } catch (Exception e) {
      System.err.println("bench rules failed: " + e);
      e.printStackTrace(System.err);
      return 1;
    }
  }

  private static int queries(List<String> args) {
    QueryBenchOptions options;
    try {
      options = QueryBenchOptions.parse(args);
    } catch (BenchOptions.UsageException e) {
      if (e.getMessage() == null) {
        System.out.println(QueryBenchOptions.USAGE);
        return 0;
      }
      System.err.println("bench queries: " + e.getMessage());
      System.err.println(QueryBenchOptions.USAGE);
      return 2;
    }
    quietLogging();
    try {
      return new QueryBench(options, System.out).run();
    } catch (Exception e) {
      System.err.println("bench queries failed: " + e);
      e.printStackTrace(System.err);
      return 1;
    }
  }

  /**
   * Node, Hazelcast and PostgreSQL log at info by default; the bench's report should stand alone.
   * Must run before the first logger is created; an explicit -D setting still wins.
   */
  private static void quietLogging() {
    // Hazelcast warns on every start that its CP subsystem is off; irrelevant to a one-node bench.
    for (String key : List.of("org.slf4j.simpleLogger.defaultLogLevel", "org.slf4j.simpleLogger.log.com.hazelcast",
        "org.slf4j.simpleLogger.log.com.hazelcast.internal.cluster.ClusterService")) {
      if (System.getProperty(key) == null) {
        System.setProperty(key, key.contains("hazelcast") ? "error" : "warn");
      }
    }
  }
}
