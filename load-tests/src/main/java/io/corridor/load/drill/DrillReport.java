package io.corridor.load.drill;

import java.io.PrintStream;
import java.util.List;

/** The drill's table: one row per phase. */
final class DrillReport {

  /**
   * What one phase measured.
   *
   * @param acknowledged reads answered 200
   * @param stored acknowledged reads found in plate_reads
   * @param lost acknowledged but not stored
   * @param duplicated ids stored more than once
   * @param unacknowledged reads the edge still held when the phase ended (never answered 200)
   * @param recoverySeconds from the fault until the last refused batch was accepted
   * @param healSeconds from the fault until every node was ready again with 3 members
   */
  record Row(String phase, long acknowledged, long stored, long lost, long duplicated, long unacknowledged,
      long refused503, long errors, double recoverySeconds, double healSeconds, boolean drained) {

    boolean ok() {
      return lost == 0 && duplicated == 0 && unacknowledged == 0 && drained;
    }
  }

  private DrillReport() {}

  static void print(PrintStream out, List<Row> rows) {
    out.printf("  %-68s %8s %8s %5s %6s %6s %6s %7s %9s %7s %s%n", "phase", "acked", "stored", "lost", "dupl.", "unack",
        "503s", "errors", "recover", "heal", "");
    for (Row r : rows) {
      out.printf("  %-68s %8d %8d %5d %6d %6d %6d %7d %8.1fs %6.1fs %s%n", r.phase(), r.acknowledged(), r.stored(),
          r.lost(), r.duplicated(), r.unacknowledged(), r.refused503(), r.errors(), r.recoverySeconds(), r.healSeconds(),
          r.ok() ? "OK" : "FAIL");
    }
  }
}
