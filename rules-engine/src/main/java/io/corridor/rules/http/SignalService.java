package io.corridor.rules.http;

import io.corridor.events.EventIds;
import io.corridor.platform.devices.Device;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.rules.engine.SignalPhase;
import io.corridor.rules.engine.ViolationEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signal-phase reports of junction controllers ({@code POST /v1/signals}): authenticates the
 * controller like a camera, validates the whole request or refuses it, stores the phases (ids make
 * a retry harmless) and only after the commit hands the new ones to the red-light rules. Blocking
 * ({@link #store}); parsing is not.
 */
public final class SignalService {

  private static final Logger LOG = LoggerFactory.getLogger(SignalService.class);
  private static final int MAX_SIGNALS = 500;

  /** A refusal: HTTP status, error code, field and reason. */
  public static final class Refused extends RuntimeException {
    final int status;
    final String error;
    final String field;

    Refused(int status, String error, String field, String reason) {
      super(reason);
      this.status = status;
      this.error = error;
      this.field = field;
    }
  }

  /** One validated phase and its id. */
  public record Stored(String eventId, SignalPhase phase) {}

  private final DeviceRegistry devices;
  private final DataSource dataSource;
  private final ViolationEngine engine;
  private final Duration clockSkew;
  private final Duration maxAge;
  private final Clock clock;

  /** Accepts phases no further than {@code clockSkew} ahead and no older than {@code maxAge}. */
  public SignalService(DeviceRegistry devices, DataSource dataSource, ViolationEngine engine, Duration clockSkew,
      Duration maxAge, Clock clock) {
    this.devices = devices;
    this.dataSource = dataSource;
    this.engine = engine;
    this.clockSkew = clockSkew;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * Authenticates and parses one request: {@code {"signals": [{"eventId"?, "controller"?,
   * "signalGroup", "state", "time"}]}} or a single such object.
   *
   * @throws Refused 401/403 for credentials, 400 naming the field for bad input
   */
  public List<Stored> parse(String deviceId, String deviceKey, String body) {
    Device controller = authenticate(deviceId, deviceKey);
    JsonArray items;
    try {
      JsonObject json = new JsonObject(body == null ? "" : body);
      items = json.containsKey("signals") ? json.getJsonArray("signals") : new JsonArray().add(json);
    } catch (RuntimeException e) {
      throw new Refused(400, "bad_request", "body", "must be JSON: {\"signals\": [{\"signalGroup\", \"state\", \"time\"}]}");
    }
    if (items == null || items.isEmpty() || items.size() > MAX_SIGNALS) {
      throw new Refused(400, "bad_request", "signals", "between 1 and " + MAX_SIGNALS + " signals per request");
    }
    List<Stored> phases = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      phases.add(phase(controller.id(), items.getValue(i), "signals[" + i + "]"));
    }
    return phases;
  }

  private Device authenticate(String id, String key) {
    return switch (devices.authenticate(id, key)) {
      case OK -> {
        Device d = devices.find(id).orElseThrow();
        if (!d.kind().equals("controller")) {
          throw new Refused(403, "wrong_device_kind", null, "device '" + id + "' is a " + d.kind()
              + "; only junction controllers send signals");
        }
        yield d;
      }
      case MISSING -> throw new Refused(401, "unauthenticated", null,
          "send the device id in X-Device-Id and its key in X-Device-Key");
      case UNKNOWN, BAD_KEY -> throw new Refused(401, "unauthenticated", null, "unknown device or wrong key");
      case REVOKED -> throw new Refused(403, "device_revoked", null, "device '" + id + "' has been revoked");
    };
  }

  private Stored phase(String controllerId, Object value, String at) {
    if (!(value instanceof JsonObject item)) {
      throw new Refused(400, "bad_request", at, "must be an object");
    }
    Object claimed = item.getValue("controller");
    if (claimed != null && !controllerId.equals(claimed)) {
      throw new Refused(400, "bad_request", at + ".controller", "must be the authenticated controller '" + controllerId + "'");
    }
    Object group = item.getValue("signalGroup");
    if (!(group instanceof Integer g) || g < 0 || g > 255) {
      throw new Refused(400, "bad_request", at + ".signalGroup", "must be an integer 0..255");
    }
    SignalPhase.State state;
    try {
      state = SignalPhase.State.valueOf(String.valueOf(item.getValue("state")).toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "bad_request", at + ".state", "must be one of RED, AMBER, GREEN, RED_AMBER, DARK");
    }
    Instant time;
    try {
      time = Instant.parse(String.valueOf(item.getValue("time")));
    } catch (DateTimeParseException e) {
      throw new Refused(400, "bad_request", at + ".time", "must be ISO-8601 with zone, e.g. 2026-11-23T08:00:00.250Z");
    }
    Instant now = clock.instant();
    if (time.isAfter(now.plus(clockSkew)) || time.isBefore(now.minus(maxAge))) {
      throw new Refused(400, "bad_request", at + ".time", "must lie between " + maxAge + " ago and " + clockSkew + " ahead");
    }
    String eventId = item.getString("eventId");
    if (eventId == null) {
      eventId = EventIds.deterministic("signal", controllerId, g.toString(), state.name(), time.toString());
    } else {
      try {
        eventId = EventIds.parse(eventId).toString();
      } catch (IllegalArgumentException e) {
        throw new Refused(400, "bad_request", at + ".eventId", e.getMessage());
      }
    }
    return new Stored(eventId, new SignalPhase(controllerId, g, state, time));
  }

  /** Stores {@code phases} in one transaction; returns the ones not stored before. */
  public List<Stored> store(List<Stored> phases) throws SQLException {
    List<Stored> fresh = new ArrayList<>();
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO signal_phases (event_id, controller_id, signal_group, state, since, received_at)
          VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")) {
        for (Stored s : phases) {
          ps.setObject(1, UUID.fromString(s.eventId()));
          ps.setString(2, s.phase().controllerId());
          ps.setInt(3, s.phase().signalGroup());
          ps.setString(4, s.phase().state().name());
          ps.setTimestamp(5, Timestamp.from(s.phase().since()));
          ps.setTimestamp(6, Timestamp.from(now));
          if (ps.executeUpdate() == 1) {
            fresh.add(s);
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return fresh;
  }

  /** Hands committed phases to the red-light rules; a failing rule does not undo the answer. */
  public void deliver(List<Stored> committed) {
    for (Stored s : committed) {
      try {
        engine.onSignal(s.phase());
      } catch (RuntimeException e) {
        LOG.error("red-light rules failed on signal {}", s.eventId(), e);
      }
    }
  }
}
