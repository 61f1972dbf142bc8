package io.corridor.load;

import java.util.List;

/**
 * Options of {@code bench queries}; strict like {@link BenchOptions}.
 *
 * @param rows synthetic plate reads loaded over {@code days}: {@code plates × days}
 * @param days days the reads span (each a daily partition)
 * @param plates distinct plates, each read once a day
 * @param cameras cameras the reads are spread over
 * @param queries timed queries of each kind
 * @param dbUrl an existing database (empty, or loaded before when {@code reuse}), or null for an
 *     embedded PostgreSQL
 * @param dataDir the embedded PostgreSQL's data directory, kept after the run; null for a
 *     temporary one, deleted after
 * @param reuse time the queries against reads loaded by an earlier run instead of loading
 */
public record QueryBenchOptions(long rows, int days, int plates, int cameras, int queries, String dbUrl,
    String dataDir, boolean reuse) {

  /** Fewest plates: the warrant names 1000 of them. */
  private static final int SCOPE_MIN = 1000;

  /** The usage text. */
  public static final String USAGE = """
      usage: bin/corridor bench queries [options]
        --rows N        synthetic plate reads (default 100000000), rounded up to a whole read
                        per plate per day: rows/days plates, each read once a day
        --days D        days they span, one partition each (default 90)
        --cameras C     cameras (default 500)
        --queries Q     timed queries of each kind (default 2000)
        --data-dir DIR  embedded PostgreSQL data directory, kept after the run (default: a
                        temporary one, deleted after)
        --reuse         time the queries against the reads an earlier run loaded into --data-dir
                        or --db-url (checks their row count; loads nothing)
        --db-url URL    an existing database: empty, or loaded before with --reuse
                        (default: embedded PostgreSQL)
        --help          this text""";

  /** Parses {@code --name value} or {@code --name=value}. */
  public static QueryBenchOptions parse(List<String> args) {
    long rows = 100_000_000;
    int days = 90;
    int cameras = 500;
    int queries = 2000;
    String dbUrl = null;
    String dataDir = null;
    boolean reuse = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (arg.equals("--reuse")) {
        reuse = true;
        continue;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        throw new BenchOptions.UsageException(null);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new BenchOptions.UsageException(arg + " needs a value");
      }
      switch (name) {
        case "--rows" -> rows = number(name, value, 1000, 2_000_000_000L);
        case "--days" -> days = (int) number(name, value, 1, 366);
        case "--cameras" -> cameras = (int) number(name, value, 1, 100_000);
        case "--queries" -> queries = (int) number(name, value, 1, 1_000_000);
        case "--db-url" -> dbUrl = value;
        case "--data-dir" -> dataDir = value;
        default -> throw new BenchOptions.UsageException("unknown option " + name);
      }
    }
    if (dbUrl != null && dataDir != null) {
      throw new BenchOptions.UsageException("--db-url and --data-dir exclude each other");
    }
    if (reuse && dbUrl == null && dataDir == null) {
      throw new BenchOptions.UsageException("--reuse needs --data-dir or --db-url");
    }
    int plates = (int) Math.max(SCOPE_MIN, (rows + days - 1) / days);
    return new QueryBenchOptions((long) plates * days, days, plates, cameras, queries, dbUrl, dataDir, reuse);
  }

  private static long number(String name, String value, long min, long max) {
    try {
      long n = Long.parseLong(value.replace("_", ""));
      if (n < min || n > max) {
        throw new BenchOptions.UsageException(name + " must be between " + min + " and " + max + ", not " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BenchOptions.UsageException(name + " must be a number, not '" + value + "'");
    }
  }
}
