package io.corridor.rules.engine;

import java.time.Instant;

/**
 * A signal group of a junction controller entering a state at a time (the SPaT / SPATEM model,
 * reduced to what red-light enforcement needs).
 *
 * @param controllerId the registered controller device
 * @param signalGroup the signal group number on that controller
 * @param state the state entered
 * @param since when the state began (controller clock)
 */
public record SignalPhase(String controllerId, int signalGroup, State state, Instant since) {

  /** The states red-light enforcement distinguishes. */
  public enum State { RED, AMBER, GREEN, RED_AMBER, DARK }
}
