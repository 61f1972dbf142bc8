package io.corridor.rules.engine.speed;

/**
 * What a ticket shows: measured value, tolerance deducted, value retained, limit.
 *
 * @param offence whether the retained value exceeds the limit (plus any threshold)
 */
public record SpeedAssessment(double measured, double tolerance, double retained, double limit, boolean offence) {

  /** By how much the retained value exceeds the limit (negative when under). */
  public double overshoot() {
    return retained - limit;
  }
}
