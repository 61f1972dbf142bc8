package io.corridor.tracking.shipments;

import io.corridor.events.EventIds;
import io.corridor.storage.PlateProtector;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Shipments and their life cycle in PostgreSQL. Plates are written as blind index + ciphertext
 * only. Transitions lock the row, check {@link ShipmentTransitions} and record who and when in the
 * same transaction, in which a held shipment's positions so far are copied ({@link ShipmentHolds}). Blocking: call from worker threads.
 */
public final class ShipmentRepository {

  private static final String COLUMNS = """
      s.shipment_id, s.mrn, s.goods, s.state, s.truck_plate_ct, s.trailer_plate_ct, s.trackers, s.declaration::text,
      s.declared_by, s.declared_at, s.updated_at,
      (SELECT count(*) FROM cargo_alerts a WHERE a.shipment_id = s.shipment_id AND a.closed_at IS NULL) AS open_alerts""";

  private final DataSource dataSource;
  private final PlateProtector protector;

  /** Stores through {@code dataSource}, protecting plates with {@code protector}. */
  public ShipmentRepository(DataSource dataSource, PlateProtector protector) {
    this.dataSource = dataSource;
    this.protector = protector;
  }

  /** The id a declaration with {@code mrn} gets: one MRN is one shipment, so a retried declaration is stored once. */
  public static String idOf(String mrn) {
    return EventIds.deterministic("shipment", mrn);
  }

  /** Writes the audit row of a step in the step's own transaction, so no step commits unaudited. */
  @FunctionalInterface
  public interface Audit {
    /**
     * @param c the step's connection, in its transaction
     * @param detail what the step did ({@code declared}, {@code repeated}, or {@code from->to})
     */
    void record(Connection c, String detail) throws SQLException;
  }

  /**
   * Stores a new declaration in state declared, with {@code audit} written in the same transaction
   * ({@code declared} or {@code repeated}).
   *
   * @return true when stored now, false when a shipment with that MRN already existed
   */
  public boolean declare(Declaration d, String declarationJson, String actor, Instant now, Audit audit)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean created = insert(c, d, declarationJson, actor, now);
        audit.record(c, created ? "declared" : "repeated");
        c.commit();
        return created;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private boolean insert(Connection c, Declaration d, String declarationJson, String actor, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO shipments (shipment_id, mrn, goods, state, truck_plate_hash, truck_plate_ct, trailer_plate_hash,
              trailer_plate_ct, trackers, declaration, declared_by, declared_at, updated_at)
            VALUES (?::uuid, ?, ?, 'declared', ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (mrn) DO NOTHING""")) {
      ps.setString(1, idOf(d.mrn()));
      ps.setString(2, d.mrn());
      ps.setString(3, d.goods().code());
      ps.setBytes(4, protector.hash(d.truckPlate()));
      ps.setBytes(5, protector.encrypt(d.truckPlate()));
      if (d.trailerPlate() == null) {
        ps.setNull(6, Types.BINARY);
        ps.setNull(7, Types.BINARY);
      } else {
        ps.setBytes(6, protector.hash(d.trailerPlate()));
        ps.setBytes(7, protector.encrypt(d.trailerPlate()));
      }
      ps.setArray(8, c.createArrayOf("text", d.trackers().toArray()));
      ps.setString(9, declarationJson);
      ps.setString(10, actor);
      ps.setTimestamp(11, Timestamp.from(now));
      ps.setTimestamp(12, Timestamp.from(now));
      return ps.executeUpdate() == 1;
    }
  }

  /** The shipment with {@code id}. */
  public Optional<StoredShipment> find(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM shipments s WHERE s.shipment_id = ?::uuid")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** Shipments matching {@code f}, newest declaration first. */
  public List<StoredShipment> list(ShipmentFilter f) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM shipments s WHERE true");
    List<Object> args = new ArrayList<>();
    if (f.state() != null) {
      sql.append(" AND s.state = ?");
      args.add(f.state().code());
    }
    if (f.goods() != null) {
      sql.append(" AND s.goods = ?");
      args.add(f.goods().code());
    }
    if (f.alerting() != null) {
      sql.append(f.alerting() ? " AND" : " AND NOT").append(
          " EXISTS (SELECT 1 FROM cargo_alerts a WHERE a.shipment_id = s.shipment_id AND a.closed_at IS NULL)");
    }
    if (f.beforeDeclaredAt() != null) {
      sql.append(" AND (s.declared_at, s.shipment_id) < (?, ?::uuid)");
      args.add(Timestamp.from(f.beforeDeclaredAt()));
      args.add(f.beforeId());
    }
    sql.append(" ORDER BY s.declared_at DESC, s.shipment_id DESC LIMIT ?");
    args.add(f.limit());
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<StoredShipment> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    }
  }

  /** Ids of every shipment in transit, for re-creating monitors a failed hand-over missed. */
  public List<String> released() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT shipment_id FROM shipments WHERE state = 'released'");
        ResultSet rs = ps.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    }
  }

  /** The truck plate's blind index of shipment {@code id}. */
  public Optional<byte[]> truckPlateHash(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT truck_plate_hash FROM shipments WHERE shipment_id = ?::uuid")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  /**
   * Applies {@code action} to shipment {@code id} and records the step, with {@code audit} written
   * in the step's transaction (detail {@code from->to}).
   *
   * @return the recorded step, or empty when no such shipment exists
   * @throws IllegalTransition when the table does not allow it from the current state
   */
  public Optional<TransitionRecord> transition(String id, ShipmentTransitions.Action action, String actor, String note,
      Instant now, Audit audit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        ShipmentState from;
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM shipments WHERE shipment_id = ?::uuid FOR UPDATE")) {
          ps.setString(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return Optional.empty();
            }
            from = ShipmentState.parse(rs.getString(1));
          }
        }
        ShipmentState to = ShipmentTransitions.next(from, action).orElseThrow(() -> new IllegalTransition(from, action));
        if (to == ShipmentState.RELEASED) {
          TransitLock.exclusive(c); // from here its truck's reads see it in transit, or committed before it
        }
        int seq;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT coalesce(max(seq), 0) + 1 FROM shipment_transitions WHERE shipment_id = ?::uuid")) {
          ps.setString(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getInt(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE shipments SET state = ?, updated_at = ? WHERE shipment_id = ?::uuid")) {
          ps.setString(1, to.code());
          ps.setTimestamp(2, Timestamp.from(now));
          ps.setString(3, id);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO shipment_transitions (shipment_id, seq, action, from_state, to_state, actor, at, note)
            VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?)""")) {
          ps.setString(1, id);
          ps.setInt(2, seq);
          ps.setString(3, action.code());
          ps.setString(4, from.code());
          ps.setString(5, to.code());
          ps.setString(6, actor);
          ps.setTimestamp(7, Timestamp.from(now));
          ps.setString(8, note);
          ps.executeUpdate();
        }
        // a held shipment's journey is copied up to this step: at its end, that is the rest of it
        ShipmentHolds.copyJourneys(c, "sh.shipment_id = ?::uuid", id, now);
        audit.record(c, from.code() + "->" + to.code());
        c.commit();
        return Optional.of(new TransitionRecord(seq, action.code(), from, to, actor, now, note));
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The recorded steps of shipment {@code id}, in order. */
  public List<TransitionRecord> transitions(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT seq, action, from_state, to_state, actor, at, note FROM shipment_transitions
            WHERE shipment_id = ?::uuid ORDER BY seq""")) {
      ps.setString(1, id);
      List<TransitionRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new TransitionRecord(rs.getInt(1), rs.getString(2), ShipmentState.parse(rs.getString(3)),
              ShipmentState.parse(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7)));
        }
      }
      return out;
    }
  }

  private StoredShipment row(ResultSet rs) throws SQLException {
    byte[] trailer = rs.getBytes(6);
    Array trackers = rs.getArray(7);
    return new StoredShipment(rs.getString(1), rs.getString(2), GoodsClass.parse(rs.getString(3)),
        ShipmentState.parse(rs.getString(4)), protector.decrypt(rs.getBytes(5)), trailer == null ? null : protector.decrypt(trailer),
        Arrays.asList((String[]) trackers.getArray()), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
        rs.getTimestamp(11).toInstant(), rs.getInt(12));
  }
}
