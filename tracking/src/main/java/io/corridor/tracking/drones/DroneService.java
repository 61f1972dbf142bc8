package io.corridor.tracking.drones;

import io.corridor.events.DroneTelemetry;
import io.corridor.events.EventIds;
import io.corridor.events.GeoPoint;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.UnavailableException;
import io.corridor.tracking.positions.DeviceAnswers;
import io.corridor.tracking.positions.TrackerIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drone telemetry into {@code drone_telemetry}: validated (coordinates, altitude, battery, times),
 * id derived from drone and time when the drone sends none, committed through a group-commit
 * writer; the future completes only after commit.
 */
public final class DroneService {

  private final GroupCommitWriter<DroneTelemetry> writer;
  private final Clock clock;
  private final Duration clockSkew;
  private final Duration maxAge;
  private final Duration writeTimeout;
  private final Duration retryAfter;

  /** Stores through {@code writer}; times are checked against {@code clock}. */
  public DroneService(GroupCommitWriter<DroneTelemetry> writer, Clock clock, Duration clockSkew, Duration maxAge,
      Duration writeTimeout, Duration retryAfter) {
    this.writer = writer;
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.maxAge = maxAge;
    this.writeTimeout = writeTimeout;
    this.retryAfter = retryAfter;
  }

  /** Validates and stores one telemetry message from {@code drone}. */
  public CompletableFuture<List<String>> accept(TrackerIdentity drone, DroneTelemetry t) {
    try {
      validate(drone, t);
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    }
    return writer.submit(List.of(t))
        .orTimeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((stored, failure) -> {
          if (failure == null) {
            return List.of(t.getEventId());
          }
          Throwable cause = DeviceAnswers.unwrap(failure);
          if (cause instanceof IngestException e) {
            throw e;
          }
          throw new UnavailableException(cause instanceof TimeoutException ? "commit did not finish in time"
              : "telemetry not stored: " + cause, retryAfter, cause);
        });
  }

  private void validate(TrackerIdentity drone, DroneTelemetry t) {
    Instant now = clock.instant();
    t.setDeviceId(drone.id());
    if (t.getEventTime().isAfter(now.plus(clockSkew)) || t.getEventTime().isBefore(now.minus(maxAge))) {
      throw IngestException.invalid("eventTime", "is " + t.getEventTime() + ", outside the accepted window (now " + now
          + ", clock skew " + clockSkew.toSeconds() + " s, age " + maxAge.toHours() + " h)");
    }
    if (t.getEventId() == null || t.getEventId().isEmpty()) {
      t.setEventId(EventIds.deterministic("drone-telemetry", drone.id(), String.valueOf(t.getEventTime().toEpochMilli())));
    } else {
      try {
        t.setEventId(EventIds.parse(t.getEventId()).toString());
      } catch (IllegalArgumentException e) {
        throw IngestException.invalid("eventId", "must be a UUID; got '" + t.getEventId() + "'");
      }
    }
    checkPoint(t.getLocation(), "location");
    if (!(t.getAltitudeM() >= -500 && t.getAltitudeM() <= 10_000)) {
      throw IngestException.invalid("altitudeM", "must be between -500 and 10000 m; got " + t.getAltitudeM());
    }
    if (t.getBatteryPct() != null && !(t.getBatteryPct() >= 0 && t.getBatteryPct() <= 100)) {
      throw IngestException.invalid("batteryPct", "must be between 0 and 100; got " + t.getBatteryPct());
    }
    if (t.getHeadingDeg() != null && !(t.getHeadingDeg() >= 0 && t.getHeadingDeg() <= 360)) {
      throw IngestException.invalid("headingDeg", "must be between 0 and 360; got " + t.getHeadingDeg());
    }
    for (int i = 0; i < t.getDetections().size(); i++) {
      var d = t.getDetections().get(i);
      if (!(d.getConfidence() >= 0 && d.getConfidence() <= 1)) {
        throw IngestException.invalid("detections[" + i + "].confidence", "must be between 0 and 1");
      }
      if (d.getLocation() != null) {
        checkPoint(d.getLocation(), "detections[" + i + "].location");
      }
    }
    t.setReceivedTime(now);
  }

  static void checkPoint(GeoPoint p, String field) {
    if (!(Math.abs(p.getLat()) <= 90) || !(Math.abs(p.getLon()) <= 180) || (p.getLat() == 0 && p.getLon() == 0)) {
      throw IngestException.invalid(field, "latitude within ±90, longitude within ±180, and not 0,0; got "
          + p.getLat() + "," + p.getLon());
    }
  }
}
