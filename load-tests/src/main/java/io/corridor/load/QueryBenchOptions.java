package io.corridor.load;

import java.util.List;

/**
 * Options of {@code bench queries}; strict like {@link BenchOptions}.
 *
 * @param rows synthetic plate reads loaded over {@code days}
 * @param days days the reads span (each a daily partition)
 * @param plates distinct plates the reads are spread over
 * @param cameras cameras the reads are spread over
 * @param queries timed queries of each kind
 * @param dbUrl an existing, empty database, or null for an embedded PostgreSQL
 */
public record QueryBenchOptions(long rows, int days, int plates, int cameras, int queries, String dbUrl) {

  /** The usage text. */
  public static final String USAGE = """
      usage: bin/corridor bench queries [options]
        --rows N      synthetic plate reads (default 20000000)
        --days D      days they span, one partition each (default 90)
        --plates P    distinct plates (default rows/100: about one read a plate a day)
        --cameras C   cameras (default 500)
        --queries Q   timed queries of each kind (default 2000)
        --db-url URL  an existing empty database (default: embedded PostgreSQL in a temporary directory)
        --help        this text""";

  /** Parses {@code --name value} or {@code --name=value}. */
  public static QueryBenchOptions parse(List<String> args) {
    long rows = 20_000_000;
    int days = 90;
    Integer plates = null;
    int cameras = 500;
    int queries = 2000;
    String dbUrl = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
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
        case "--plates" -> plates = (int) number(name, value, 10, 100_000_000);
        case "--cameras" -> cameras = (int) number(name, value, 1, 100_000);
        case "--queries" -> queries = (int) number(name, value, 1, 1_000_000);
        case "--db-url" -> dbUrl = value;
        default -> throw new BenchOptions.UsageException("unknown option " + name);
      }
    }
    return new QueryBenchOptions(rows, days, plates == null ? (int) Math.max(1000, rows / 100) : plates, cameras,
        queries, dbUrl);
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
