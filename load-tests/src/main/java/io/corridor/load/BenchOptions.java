package io.corridor.load;

import java.util.List;

/**
 * Options of {@code bench ingest}. Parsing is strict: an unknown option or a bad value is a
 * {@link UsageException}, so a typo never silently benchmarks the defaults.
 *
 * @param reads timed reads sent over HTTP and copied by the baseline
 * @param batch reads per HTTP request and rows per COPY transaction
 * @param concurrency HTTP requests in flight
 * @param copyConnections connections running the COPY baseline side by side
 * @param warmup reads sent (and copied) before timing; not counted
 * @param dbUrl JDBC URL of an existing database, or {@code null} to start an embedded PostgreSQL
 * @param timescale start a local PostgreSQL 15 with TimescaleDB instead of the embedded PostgreSQL
 */
public record BenchOptions(int reads, int batch, int concurrency, int copyConnections, int warmup, String dbUrl,
    boolean timescale) {

  /** Options on the embedded PostgreSQL or {@code dbUrl}. */
  public BenchOptions(int reads, int batch, int concurrency, int copyConnections, int warmup, String dbUrl) {
    this(reads, batch, concurrency, copyConnections, warmup, dbUrl, false);
  }

  /** Largest batch: keeps one request body well under the 16 MiB the bench allows the node. */
  public static final int MAX_BATCH = 50_000;

  /** The usage text of {@code bench ingest}. */
  public static final String USAGE = """
      usage: bin/corridor bench ingest [options]
        --reads N             timed plate reads (default 200000)
        --batch B             reads per HTTP request and rows per COPY transaction (default 500, at most 50000)
        --concurrency C       HTTP requests in flight (default 8)
        --copy-connections K  connections running the COPY baseline in parallel (default 1)
        --warmup N            reads sent before timing, not counted (default 20000; 0: none)
        --db-url URL          jdbc:postgresql URL of an existing database (default: embedded PostgreSQL)
        --timescale           start a local PostgreSQL 15 with TimescaleDB (built by bin/build-timescaledb) instead
        --help                this text""";

  /** The defaults. */
  public static BenchOptions defaults() {
    return new BenchOptions(200_000, 500, 8, 1, 20_000, null);
  }

  /**
   * Parses {@code --name value} or {@code --name=value} arguments.
   *
   * @throws UsageException naming the option and the value that is wrong
   */
  public static BenchOptions parse(List<String> args) {
    BenchOptions o = defaults();
    int reads = o.reads;
    int batch = o.batch;
    int concurrency = o.concurrency;
    int copyConnections = o.copyConnections;
    int warmup = o.warmup;
    String dbUrl = o.dbUrl;
    boolean timescale = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--help") || name.equals("-h")) {
        throw new UsageException(null);
      }
      if (name.equals("--timescale") && value == null) {
        timescale = true;
        continue;
      }
      if (!List.of("--reads", "--batch", "--concurrency", "--copy-connections", "--warmup", "--db-url").contains(name)) {
        throw new UsageException("unknown option '" + arg + "'");
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException("option " + name + " needs a value");
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--reads" -> reads = integer(name, value, 1, Integer.MAX_VALUE);
        case "--batch" -> batch = integer(name, value, 1, MAX_BATCH);
        case "--concurrency" -> concurrency = integer(name, value, 1, 1024);
        case "--copy-connections" -> copyConnections = integer(name, value, 1, 64);
        case "--warmup" -> warmup = integer(name, value, 0, Integer.MAX_VALUE);
        default -> dbUrl = jdbcUrl(value);
      }
    }
    if ((long) reads + warmup > Integer.MAX_VALUE) {
      throw new UsageException("--reads plus --warmup must stay below " + Integer.MAX_VALUE);
    }
    if (timescale && dbUrl != null) {
      throw new UsageException("--timescale starts its own database; leave out --db-url");
    }
    return new BenchOptions(reads, batch, concurrency, copyConnections, warmup, dbUrl, timescale);
  }

  private static int integer(String name, String value, int min, int max) {
    int parsed;
    try {
      parsed = Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number; got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new UsageException(name + " must be between " + min + " and " + max + "; got " + parsed);
    }
    return parsed;
  }

  private static String jdbcUrl(String value) {
    if (!value.startsWith("jdbc:postgresql:")) {
      throw new UsageException("--db-url must start with jdbc:postgresql:; got '" + value + "'");
    }
    return value;
  }

  /** A command line that cannot be run; {@code null} message means "print the usage only". */
  public static final class UsageException extends RuntimeException {

    /** With the reason shown above the usage text. */
    public UsageException(String message) {
      super(message);
    }
  }
}
