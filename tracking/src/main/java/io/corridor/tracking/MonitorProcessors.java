package io.corridor.tracking;

import com.hazelcast.map.EntryProcessor;
import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.CargoAlert;
import io.corridor.tracking.detect.MonitorPlan;
import io.corridor.tracking.detect.MonitorState;
import io.corridor.tracking.detect.PlateSighting;
import io.corridor.tracking.detect.ShipmentMonitor;
import io.corridor.tracking.detect.TrackPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The entry processors that change a shipment's {@link MonitorState} on the member owning its key,
 * so events arriving at any node are judged in one place, one at a time. Each carries the
 * processing time it was sent with, so the backup copy, which runs the same processor, reaches the
 * same state. Each returns the state's whole outbox (null when it is empty: {@link MonitorStore}
 * answers an empty list): changes stay there until stored and acknowledged, so a node that dies
 * between judging and storing loses no episode.
 */
final class MonitorProcessors {

  private MonitorProcessors() {}

  /** What every judging processor shares: run the monitor on the entry, keep the outbox. */
  abstract static class Judge implements EntryProcessor<String, MonitorState, ArrayList<AlertChange>> {
    /** Monitors by reorder window: stateless, so one per window serves every entry (not one per event). */
    private static final java.util.concurrent.ConcurrentHashMap<Long, ShipmentMonitor> MONITORS =
        new java.util.concurrent.ConcurrentHashMap<>();
    final long reorderWindowMs;
    final Instant now;

    Judge(Duration reorderWindow, Instant now) {
      this.reorderWindowMs = reorderWindow.toMillis();
      this.now = now;
    }

    @Override
    public ArrayList<AlertChange> process(Map.Entry<String, MonitorState> entry) {
      MonitorState state = entry.getValue();
      if (state == null) {
        return new ArrayList<>();
      }
      List<AlertChange> changes = judge(MONITORS.computeIfAbsent(reorderWindowMs, ms -> new ShipmentMonitor(Duration.ofMillis(ms))), state);
      entry.setValue(state);
      if (changes.isEmpty() && state.settled()) {
        return null; // nearly every fix: nothing to store, so no list is serialised back to the caller
      }
      return new ArrayList<>(state.queue(changes));
    }

    abstract List<AlertChange> judge(ShipmentMonitor monitor, MonitorState state);
  }

  /** A committed fix. */
  static final class Fix extends Judge {
    private final TrackPoint point;

    Fix(TrackPoint point, Duration window, Instant now) {
      super(window, now);
      this.point = point;
    }

    @Override
    List<AlertChange> judge(ShipmentMonitor monitor, MonitorState state) {
      return monitor.fix(state, point, now);
    }
  }

  /**
   * Several committed fixes of one shipment, in the order this node received them: one operation
   * for what a batch holds of the shipment instead of one per fix.
   */
  static final class Fixes extends Judge {
    private final ArrayList<TrackPoint> points;

    Fixes(List<TrackPoint> points, Duration window, Instant now) {
      super(window, now);
      this.points = new ArrayList<>(points);
    }

    @Override
    List<AlertChange> judge(ShipmentMonitor monitor, MonitorState state) {
      if (points.size() == 1) {
        return monitor.fix(state, points.get(0), now);
      }
      List<AlertChange> changes = new ArrayList<>();
      for (TrackPoint p : points) {
        changes.addAll(monitor.fix(state, p, now));
      }
      return changes;
    }
  }

  /** A committed read of the truck's plate. */
  static final class Sighting extends Judge {
    private final PlateSighting sighting;

    Sighting(PlateSighting sighting, Duration window, Instant now) {
      super(window, now);
      this.sighting = sighting;
    }

    @Override
    List<AlertChange> judge(ShipmentMonitor monitor, MonitorState state) {
      return monitor.sighting(state, sighting, now);
    }
  }

  /** The clock. */
  static final class Tick extends Judge {
    Tick(Duration window, Instant now) {
      super(window, now);
    }

    @Override
    List<AlertChange> judge(ShipmentMonitor monitor, MonitorState state) {
      return monitor.tick(state, now);
    }
  }

  /** Arrival or cancellation. */
  static final class End extends Judge {
    End(Duration window, Instant at) {
      super(window, at);
    }

    @Override
    List<AlertChange> judge(ShipmentMonitor monitor, MonitorState state) {
      return monitor.end(state, now);
    }
  }

  /**
   * Starts monitoring unless it already runs (a repeated release or reconciliation), continuing the
   * shipment's alerts stored open (a monitor lost with every member that held it).
   */
  static final class Start implements EntryProcessor<String, MonitorState, Boolean> {
    private final MonitorPlan plan;
    private final Instant at;
    private final ArrayList<CargoAlert> open;

    Start(MonitorPlan plan, Instant at, List<CargoAlert> open) {
      this.plan = plan;
      this.at = at;
      this.open = new ArrayList<>(open);
    }

    @Override
    public Boolean process(Map.Entry<String, MonitorState> entry) {
      if (entry.getValue() != null) {
        return false;
      }
      entry.setValue(new MonitorState(plan, at, open));
      return true;
    }
  }

  /** Removes stored changes from the outbox; drops an ended shipment's state once nothing is left. */
  static final class Ack implements EntryProcessor<String, MonitorState, Boolean> {
    private final ArrayList<AlertChange> stored;

    Ack(List<AlertChange> stored) {
      this.stored = new ArrayList<>(stored);
    }

    @Override
    public Boolean process(Map.Entry<String, MonitorState> entry) {
      MonitorState state = entry.getValue();
      if (state == null) {
        return false;
      }
      state.acknowledge(stored);
      entry.setValue(state.ended() && state.settled() ? null : state);
      return true;
    }
  }

  /** Adds or removes one shipment id in an index entry (tracker → shipments, plate → shipments). */
  static final class Index implements EntryProcessor<String, HashSet<String>, Boolean> {
    private final String shipmentId;
    private final boolean add;

    Index(String shipmentId, boolean add) {
      this.shipmentId = shipmentId;
      this.add = add;
    }

    @Override
    public Boolean process(Map.Entry<String, HashSet<String>> entry) {
      HashSet<String> ids = entry.getValue() == null ? new HashSet<>() : entry.getValue();
      boolean changed = add ? ids.add(shipmentId) : ids.remove(shipmentId);
      entry.setValue(ids.isEmpty() ? null : ids);
      return changed;
    }
  }
}
