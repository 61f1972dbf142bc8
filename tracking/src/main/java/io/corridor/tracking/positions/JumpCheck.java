package io.corridor.tracking.positions;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flags a fix that lies farther from the tracker's previous plausible fix than the plausible
 * speed allows in the time between them (in either direction of time, so late, out-of-order fixes
 * are judged too). Flagged fixes are stored with {@code implausible-jump} and not trusted; they are
 * not refused, because either of the two fixes may be the wrong one. A flagged fix becomes a
 * candidate: when the next fix is plausible from it but not from the old reference, the old
 * reference was the wrong one and the candidate takes its place. State is per node and in memory;
 * thread-safe per tracker.
 */
public final class JumpCheck {

  /** The flag set on implausible fixes. */
  public static final String FLAG = "implausible-jump";
  private static final double EARTH_RADIUS_KM = 6371.0088;
  /** Fixes closer than this are never a jump, whatever the time: GPS noise within one second. */
  private static final double NOISE_KM = 0.1;
  private static final int MAX_TRACKERS = 200_000;

  private record Fix(Instant time, double lat, double lon) {}

  private record State(Fix reference, Fix candidate) {}

  private final double maxSpeedKmh;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  /** Flags jumps faster than {@code maxSpeedKmh}. */
  public JumpCheck(double maxSpeedKmh) {
    this.maxSpeedKmh = maxSpeedKmh;
  }

  /** Adds {@link #FLAG} to {@code position} when it is an implausible jump; remembers it otherwise. */
  public void check(Position position) {
    if (states.size() > MAX_TRACKERS) {
      states.clear(); // bounded memory; the check restarts from the next fix of each tracker
    }
    Fix fix = new Fix(position.getEventTime(), position.getLocation().getLat(), position.getLocation().getLon());
    boolean[] flagged = {false};
    states.compute(position.getDeviceId(), (id, state) -> {
      if (state == null) {
        return new State(fix, null);
      }
      if (plausible(state.reference(), fix)) {
        return new State(newer(state.reference(), fix), null);
      }
      if (state.candidate() != null && plausible(state.candidate(), fix)) {
        return new State(newer(state.candidate(), fix), null);
      }
      flagged[0] = true;
      return new State(state.reference(), fix);
    });
    if (flagged[0] && !position.getFlags().contains(FLAG)) {
      List<String> flags = new ArrayList<>(position.getFlags());
      flags.add(FLAG);
      position.setFlags(flags);
    }
  }

  private static Fix newer(Fix a, Fix b) {
    return b.time().isAfter(a.time()) ? b : a;
  }

  private boolean plausible(Fix from, Fix to) {
    double km = distanceKm(from.lat(), from.lon(), to.lat(), to.lon());
    if (km <= NOISE_KM) {
      return true;
    }
    double hours = Math.abs(to.time().toEpochMilli() - from.time().toEpochMilli()) / 3_600_000.0;
    return km <= maxSpeedKmh * hours;
  }

  /** Great-circle distance in km (haversine on the mean Earth radius). */
  public static double distanceKm(GeoPoint a, GeoPoint b) {
    return distanceKm(a.getLat(), a.getLon(), b.getLat(), b.getLon());
  }

  static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
