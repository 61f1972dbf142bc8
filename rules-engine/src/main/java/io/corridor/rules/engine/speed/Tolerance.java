package io.corridor.rules.engine.speed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A speed tolerance: measured minus tolerance gives the retained value compared with the limit.
 * Everything rounds in the driver's favour: the tolerance up and the retained value down to
 * {@code decimals} places (Germany: whole km/h, 141 → 4.23 → 5 → 136; Italy: one decimal, 148 →
 * 140.6). Computed in decimal arithmetic so that 3 % of 100 is exactly 3.
 *
 * @param bands tried in order; the first covering the measured value applies (the last should be open)
 * @param decimals decimal places kept
 * @param threshold a further margin (discretionary, e.g. an Austrian region's) the retained value must
 *     exceed the limit by before it is an offence; it does not change the retained value
 */
public record Tolerance(List<ToleranceBand> bands, int decimals, BigDecimal threshold) {

  /** No tolerance at all, whole units. */
  public static final Tolerance NONE = new Tolerance(List.of(new ToleranceBand(null, BigDecimal.ZERO, BigDecimal.ZERO, false)),
      0, BigDecimal.ZERO);

  /** The outcome for {@code measured} against {@code limit}. */
  public SpeedAssessment assess(double measured, double limit) {
    return assess(decimal(measured), BigDecimal.valueOf(limit));
  }

  /** The outcome for {@code measured} against {@code limit}, both exact. */
  public SpeedAssessment assess(BigDecimal measured, BigDecimal limit) {
    BigDecimal raw = BigDecimal.ZERO;
    for (ToleranceBand band : bands) {
      if (band.covers(measured)) {
        raw = band.tolerance(measured);
        break;
      }
    }
    BigDecimal tolerance = raw.setScale(decimals, RoundingMode.CEILING);
    BigDecimal retained = measured.subtract(tolerance).setScale(decimals, RoundingMode.FLOOR);
    boolean offence = retained.subtract(limit).compareTo(threshold) > 0;
    return new SpeedAssessment(measured.doubleValue(), tolerance.doubleValue(), retained.doubleValue(), limit.doubleValue(),
        offence);
  }

  /**
   * The decimal a device meant: a float speed such as 141.4f becomes 141.4, not 141.39999389648438.
   * Speeds come as floats in {@code PlateRead.speedKmh}.
   */
  public static BigDecimal decimal(double value) {
    return new BigDecimal(Float.toString((float) value));
  }
}
