package io.corridor.api.devices;

import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceKeys;
import io.corridor.storage.AuditLog;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator may do to devices: register one (its key is generated here, returned once and
 * stored only as a digest), list them, rotate a key (the old one stays valid for
 * {@code devices.key-overlap}) and revoke one. Every change commits in one transaction with its audit
 * row (a change whose audit row cannot be written is not made), and every listing is audited. Blocking.
 */
public final class DeviceAdmin {

  /** Device kinds the {@code devices} table accepts. */
  public static final Set<String> KINDS = Set.of("camera", "drone", "tracker", "controller", "agent");
  /** Device ids the {@code devices} table accepts. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** A new device and its key (shown once). */
  public record Issued(String id, String key, Instant previousKeyValidUntil) {}

  /**
   * A registration request.
   *
   * @param agent for a camera an OpenALPR agent serves: the agent device's id, else null
   * @param agentCameraId the agent's {@code camera_id} for this camera (with {@code agent}), else null
   * @param agentUid for a device of kind agent: the {@code agent_uid} of the agent installation
   *     (required for an agent), else null
   */
  public record NewDevice(String id, String kind, String name, Double lat, Double lon, String agent, Long agentCameraId,
      String agentUid) {

    /** A device no agent serves. */
    public NewDevice(String id, String kind, String name, Double lat, Double lon) {
      this(id, kind, name, lat, lon, null, null, null);
    }
  }

  private final DeviceStore store;
  private final AuditLog audit;
  private final DeviceOptions options;
  private final Clock clock;

  /** Changes devices in {@code store}, recording each change in {@code audit}. */
  public DeviceAdmin(DeviceStore store, AuditLog audit, DeviceOptions options, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.options = options;
    this.clock = clock;
  }

  /**
   * Registers {@code device}; 409 when the id is taken or its agent already names another camera
   * with that {@code agentCameraId} or another agent device has its {@code agentUid}, 400 when its
   * agent is not an active agent device.
   */
  public Issued create(String actor, NewDevice device) throws SQLException {
    String key = DeviceKeys.generate();
    return store.inTransaction(c -> {
      if (device.agent() != null) {
        if (!"camera".equals(device.kind())) {
          throw new DeviceException(400, "only a camera is served by an agent; " + device.id() + " is a " + device.kind());
        }
        if (!store.activeAgent(c, device.agent())) {
          throw new DeviceException(400, "agent " + device.agent() + " is not a registered, active device of kind agent");
        }
        if (store.agentCamera(c, device.agent(), device.agentCameraId()).isPresent()) {
          throw new DeviceException(409, "agent " + device.agent() + " already has camera " + store.agentCamera(c,
              device.agent(), device.agentCameraId()).get() + " as camera_id " + device.agentCameraId());
        }
      }
      if (device.agentUid() != null && store.agentWithUid(c, device.agentUid()).isPresent()) {
        throw new DeviceException(409, "agent_uid " + device.agentUid() + " is already agent device "
            + store.agentWithUid(c, device.agentUid()).get() + "'s");
      }
      if (!store.create(c, device.id(), device.kind(), device.name(), device.lat(), device.lon(), key, device.agent(),
          device.agentCameraId(), device.agentUid())) {
        throw new DeviceException(409, "device " + device.id() + " already exists; rotate its key instead");
      }
      record(c, actor, "devices.create", device.id(), "kind=" + device.kind() + " name=" + device.name()
          + (device.agent() == null ? "" : " agent=" + device.agent() + " agentCameraId=" + device.agentCameraId())
          + (device.agentUid() == null ? "" : " agentUid=" + device.agentUid()));
      return new Issued(device.id(), key, null);
    });
  }

  /** Every device, without keys. */
  public List<DeviceView> list(String actor) throws SQLException {
    List<DeviceView> devices = store.list();
    audit.append(new AuditLog.Entry(actor, Role.OPERATOR.claim(), "devices.list", "devices", devices.size(), ""));
    return devices;
  }

  /** Gives device {@code id} a new key; the old one is accepted until now + the configured overlap. */
  public Issued rotate(String actor, String id) throws SQLException {
    String key = DeviceKeys.generate();
    Instant now = clock.instant();
    Instant until = now.plus(options.keyOverlap());
    return store.inTransaction(c -> {
      if (!store.rotate(c, id, key, now, until)) {
        throw missingOrRevoked(c, id);
      }
      record(c, actor, "devices.rotate", id, "previous key valid until " + until);
      return new Issued(id, key, until);
    });
  }

  /** Revokes device {@code id}: all its keys are refused from now on. */
  public void revoke(String actor, String id) throws SQLException {
    store.inTransaction(c -> {
      if (!store.revoke(c, id, clock.instant())) {
        throw missingOrRevoked(c, id);
      }
      record(c, actor, "devices.revoke", id, "");
      return null;
    });
  }

  private DeviceException missingOrRevoked(java.sql.Connection c, String id) throws SQLException {
    return store.status(c, id).isPresent()
        ? new DeviceException(409, "device " + id + " is revoked; register a new device id")
        : new DeviceException(404, "no device " + id);
  }

  private void record(java.sql.Connection c, String actor, String action, String id, String detail) throws SQLException {
    audit.append(c, new AuditLog.Entry(actor, Role.OPERATOR.claim(), action, "device " + id, 1, detail));
  }
}
