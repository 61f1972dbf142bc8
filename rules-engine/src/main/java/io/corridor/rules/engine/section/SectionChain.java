package io.corridor.rules.engine.section;

import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.speed.SpeedAssessment;
import io.corridor.rules.engine.speed.Tolerance;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pairing logic of one section rule, as a pure function from (journey state, new sighting) to
 * (next state, offences to report). It runs inside a Hazelcast entry processor on the owner of the
 * plate's key, and in unit tests directly.
 *
 * <p>Sightings are kept in event-time order, so reads arriving out of order (the exit on one node
 * before the entry on another) pair the same way. Two consecutive sightings at an entry and the
 * matching exit camera make a section passage: average = distance ÷ (time + clock-skew allowance),
 * floored to 0.01 km/h, then the tolerance. Passages chain: the exit of one section is the entry of
 * the next. The journey is decided when a passage ends at a terminal exit (a camera that starts no
 * further section): its worst offence is reported once, and a journey without one leaves nothing
 * behind (the state is deleted). A journey that never reaches a terminal exit is decided by
 * {@link #expire} once its pairing window has passed.
 *
 * @param rule the rule document
 * @param sections the sections, contiguous or not
 * @param tolerance tolerance applied to the average speed
 * @param skewMillis clock-skew allowance added to every passage time, in the driver's favour
 * @param windowMillis the pairing window: the longest a sighting waits for its partner
 * @param duplicateMillis two reads at one camera this close are one passage (the earlier is kept)
 * @param zone local time of the sections' time-of-day limits
 */
public record SectionChain(RuleRef rule, List<SectionSpec> sections, Tolerance tolerance, long skewMillis,
    long windowMillis, long duplicateMillis, java.time.ZoneId zone) {

  /** Sightings kept per journey; older ones are dropped (a plate read this often is a cloned plate or a fault). */
  static final int MAX_SIGHTINGS = 16;

  /** The result of one step. {@code next == null} means: delete the state. */
  public record Advance(Journey next, List<SectionOffence> report) {}

  /** Every camera the rule pairs reads of. */
  public Set<String> devices() {
    Set<String> devices = new HashSet<>();
    for (SectionSpec s : sections) {
      devices.add(s.entryDevice());
      devices.add(s.exitDevice());
    }
    return devices;
  }

  /** Adds {@code s} to {@code state} (null when the plate has none). */
  public Advance advance(Journey state, Sighting s) {
    if (state != null && state.seen().contains(s.readId())) {
      // The same read again (a re-run after a crash): the same answer, no change.
      return new Advance(state, state.decided() && state.worst() != null ? List.of(state.worst()) : List.of());
    }
    if (state != null && state.decided()) {
      state = null; // a new journey after a decided one
    }
    List<Sighting> list = new ArrayList<>(state == null ? List.of() : state.sightings());
    list.add(s);
    list.sort(Comparator.comparingLong(Sighting::timeMillis).thenComparing(Sighting::readId));
    while (list.size() > MAX_SIGHTINGS) {
      list.removeFirst();
    }
    List<String> seen = new ArrayList<>(state == null ? List.of() : state.seen());
    seen.add(s.readId());
    SectionOffence worst = state == null ? null : state.worst();
    Map<String, SectionSpec> byPair = byPair();
    Set<String> entries = new HashSet<>();
    sections.forEach(x -> entries.add(x.entryDevice()));
    Sighting lastPaired = null;
    int i = 0;
    while (i + 1 < list.size()) {
      Sighting a = list.get(i);
      Sighting b = list.get(i + 1);
      if (a.deviceId().equals(b.deviceId()) && b.timeMillis() - a.timeMillis() <= duplicateMillis) {
        list.remove(i + 1);
        continue;
      }
      SectionSpec section = byPair.get(a.deviceId() + '\u0000' + b.deviceId());
      if (section == null) {
        i++; // not a passage (yet): a missing read in between may still arrive
        continue;
      }
      SectionOffence o = assess(section, a, b);
      if (o != null && (worst == null || o.overshoot() > worst.overshoot())) {
        worst = o;
      }
      list.remove(i);
      lastPaired = b;
    }
    if (lastPaired != null && !entries.contains(lastPaired.deviceId())) {
      // Reached a terminal exit: the journey is over.
      return worst == null
          ? new Advance(null, List.of())
          : new Advance(new Journey(List.of(), seen, worst, true, lastPaired.timeMillis() + windowMillis), List.of(worst));
    }
    long latest = list.getLast().timeMillis();
    return new Advance(new Journey(list, seen, worst, false, latest + windowMillis), List.of());
  }

  /**
   * Decides a journey whose window has passed at {@code nowMillis}: its worst offence, if any, is
   * reported and the state goes. Returns {@code null} while the window is still open.
   */
  public static Advance expire(Journey state, long nowMillis) {
    if (state == null || nowMillis < state.decideAtMillis()) {
      return null;
    }
    return new Advance(null, !state.decided() && state.worst() != null ? List.of(state.worst()) : List.of());
  }

  /** The offence of passage {@code a} → {@code b} over {@code section}, or {@code null} when none. */
  SectionOffence assess(SectionSpec section, Sighting a, Sighting b) {
    long travel = b.timeMillis() - a.timeMillis();
    if (travel <= 0) {
      return null;
    }
    String cls = b.vehicleClass() != null ? b.vehicleClass() : a.vehicleClass();
    Integer limit = section.limitFor(cls, java.time.Instant.ofEpochMilli(a.timeMillis()), zone);
    if (limit == null) {
      return null;
    }
    long allowed = travel + skewMillis;
    BigDecimal average = BigDecimal.valueOf(section.distanceMeters() * 3600.0 / allowed).setScale(2, RoundingMode.FLOOR);
    SpeedAssessment assessed = tolerance.assess(average, BigDecimal.valueOf(limit));
    if (!assessed.offence()) {
      return null;
    }
    return new SectionOffence(rule.id(), rule.version(), section.id(), section.distanceMeters(), skewMillis, a, b,
        assessed.measured(), assessed.tolerance(), assessed.retained(), assessed.limit());
  }

  private Map<String, SectionSpec> byPair() {
    Map<String, SectionSpec> m = new HashMap<>();
    for (SectionSpec x : sections) {
      m.put(x.entryDevice() + '\u0000' + x.exitDevice(), x);
    }
    return m;
  }
}
