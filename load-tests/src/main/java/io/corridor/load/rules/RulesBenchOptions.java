package io.corridor.load.rules;

import java.util.List;

/**
 * Options of {@code bench rules}; strict like {@code bench ingest}: an unknown option or a bad
 * value is an {@link IllegalArgumentException} naming it.
 *
 * @param seconds timed seconds per phase
 * @param warmupSeconds untimed seconds before each phase
 * @param inFlight asynchronous entry-processor calls in flight in the pairing phases
 * @param plates distinct plates
 * @param rounds raw/pairing rounds (alternating, so drift hits both alike)
 */
public record RulesBenchOptions(int seconds, int warmupSeconds, int inFlight, int plates, int rounds) {

  /** The usage text. */
  public static final String USAGE = """
      usage: bin/corridor bench rules [options]
        --seconds S     timed seconds per phase (default 5)
        --warmup S      untimed seconds before each phase (default 2)
        --in-flight N   async entry-processor calls in flight when pairing (default 1000)
        --plates N      distinct plates (default 200000)
        --rounds N      raw/pairing rounds on the cluster (default 2)
        --help          this text""";

  /** Parses {@code --name value} or {@code --name=value}; {@code --help} gives {@code null}. */
  public static RulesBenchOptions parse(List<String> args) {
    int seconds = 5;
    int warmup = 2;
    int inFlight = 1000;
    int plates = 200_000;
    int rounds = 2;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return null;
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--seconds" -> seconds = positive(name, value);
        case "--warmup" -> warmup = value.equals("0") ? 0 : positive(name, value);
        case "--in-flight" -> inFlight = positive(name, value);
        case "--plates" -> plates = positive(name, value);
        case "--rounds" -> rounds = positive(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    return new RulesBenchOptions(seconds, warmup, inFlight, plates, rounds);
  }

  private static int positive(String name, String value) {
    try {
      int v = Integer.parseInt(value);
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a positive whole number, got '" + value + "'");
    }
  }
}
