package io.corridor.rules.engine.speed;

import java.math.BigDecimal;

/**
 * The tolerance for measured values below {@code below} (or any value when {@code below} is null):
 * an absolute amount, a percentage of the measured value, or both, combined as the larger of the
 * two ({@code sum == false}, e.g. Italy's "5 %, at least 5 km/h") or their sum (UK "10 % + 2 mph").
 *
 * @param below exclusive upper bound of the measured values this band covers, or {@code null}
 * @param absolute amount in the measured unit (km/h)
 * @param percent percentage of the measured value
 * @param sum whether absolute and percentage add up instead of the larger applying
 */
public record ToleranceBand(BigDecimal below, BigDecimal absolute, BigDecimal percent, boolean sum) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** Whether {@code measured} falls in this band. */
  public boolean covers(BigDecimal measured) {
    return below == null || measured.compareTo(below) < 0;
  }

  /** The unrounded tolerance for {@code measured}. */
  public BigDecimal tolerance(BigDecimal measured) {
    BigDecimal pct = measured.multiply(percent).divide(HUNDRED);
    return sum ? absolute.add(pct) : absolute.max(pct);
  }
}
