package io.corridor.rules.violations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code violation_actions} table: every review step, never updated. Blocking. */
final class ReviewLog {

  private ReviewLog() {}

  static List<ReviewStep> steps(Connection c, String id) throws SQLException {
    List<ReviewStep> steps = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT seq, action, from_status, to_status, actor, at, reason_code, note, reference
          FROM violation_actions WHERE violation_id = ? ORDER BY seq""")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.add(new ReviewStep(rs.getInt(1), rs.getString(2), ViolationStatus.parse(rs.getString(3)),
              ViolationStatus.parse(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
              rs.getString(8), rs.getString(9)));
        }
      }
    }
    return steps;
  }

  static void append(Connection c, String id, ReviewStep step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO violation_actions (violation_id, seq, action, from_status, to_status, actor, at, reason_code, note,
                                       reference)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      ps.setObject(1, UUID.fromString(id));
      ps.setInt(2, step.seq());
      ps.setString(3, step.action());
      ps.setString(4, step.from().code());
      ps.setString(5, step.to().code());
      ps.setString(6, step.actor());
      ps.setTimestamp(7, Timestamp.from(step.at()));
      ps.setString(8, step.reasonCode());
      ps.setString(9, step.note());
      ps.setString(10, step.reference());
      ps.executeUpdate();
    }
  }
}
