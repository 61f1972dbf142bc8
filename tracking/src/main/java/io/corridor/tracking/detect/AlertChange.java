package io.corridor.tracking.detect;

import java.io.Serializable;

/**
 * What judging one event changed: an alert raised or one closed. A closed alert carries the final
 * figures (duration, peak).
 *
 * @param alert the alert as it stands after the change
 * @param raised true when it was raised now, false when it was closed now
 */
public record AlertChange(CargoAlert alert, boolean raised) implements Serializable {}
