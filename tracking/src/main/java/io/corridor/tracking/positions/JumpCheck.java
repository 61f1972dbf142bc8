package io.corridor.tracking.positions;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.tracking.detect.JumpTrack;
import io.corridor.tracking.detect.LatLon;
import io.corridor.tracking.detect.LocalProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flags, at intake, a fix that is an implausible jump from the tracker's previous plausible fix
 * this node saw ({@link JumpTrack}). Flagged fixes are stored with {@code implausible-jump} and not
 * trusted; they are not refused, because either of the two fixes may be the wrong one. State is
 * per node and in memory, thread-safe per tracker; fixes of one tracker that reach different
 * nodes meet in the shipment's cluster state, where the same check runs again before the
 * detectors judge them.
 */
public final class JumpCheck {

  /** The flag set on implausible fixes. */
  public static final String FLAG = "implausible-jump";
  private static final int MAX_TRACKERS = 200_000;

  private final double maxSpeedKmh;
  private final ConcurrentHashMap<String, JumpTrack> states = new ConcurrentHashMap<>();

  /** Flags jumps faster than {@code maxSpeedKmh}. */
  public JumpCheck(double maxSpeedKmh) {
    this.maxSpeedKmh = maxSpeedKmh;
  }

  /** Adds {@link #FLAG} to {@code position} when it is an implausible jump; remembers it otherwise. */
  public void check(Position position) {
    if (states.size() > MAX_TRACKERS) {
      states.clear(); // bounded memory; the check restarts from the next fix of each tracker
    }
    LatLon at = new LatLon(position.getLocation().getLat(), position.getLocation().getLon());
    // a read of the map and the tracker's own lock: compute() locked the map's bin and built a lambda per fix
    JumpTrack track = states.get(position.getDeviceId());
    if (track == null) {
      track = states.computeIfAbsent(position.getDeviceId(), id -> new JumpTrack());
    }
    boolean flagged;
    synchronized (track) {
      flagged = !track.plausible(position.getEventTime(), at, maxSpeedKmh);
    }
    if (flagged && !position.getFlags().contains(FLAG)) {
      List<String> flags = new ArrayList<>(position.getFlags());
      flags.add(FLAG);
      position.setFlags(flags);
    }
  }

  /** Great-circle distance in km (haversine on the mean Earth radius). */
  public static double distanceKm(GeoPoint a, GeoPoint b) {
    return LocalProjection.distanceM(new LatLon(a.getLat(), a.getLon()), new LatLon(b.getLat(), b.getLon())) / 1000;
  }
}
