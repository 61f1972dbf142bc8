package io.corridor.tracking.shipments;

import io.corridor.storage.PlateProtector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A shipment's plates, for refusing free text that names them: the records that outlive a
 * shipment (a hold's case and reason, an alert's acknowledgement) must not carry a plate in clear.
 */
final class ShipmentPlates {

  private ShipmentPlates() {}

  /** Locks the shipment's row in {@code c}'s transaction; its plates, empty when there is no such shipment. */
  static Optional<List<String>> lock(Connection c, PlateProtector protector, String shipmentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT truck_plate_ct, trailer_plate_ct FROM shipments WHERE shipment_id = ?::uuid FOR UPDATE")) {
      ps.setString(1, shipmentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        List<String> plates = new ArrayList<>();
        plates.add(protector.decrypt(rs.getBytes(1)));
        byte[] trailer = rs.getBytes(2);
        if (trailer != null) {
          plates.add(protector.decrypt(trailer));
        }
        return Optional.of(plates);
      }
    }
  }

  /** Whether {@code value} names one of {@code plates}, however spaced or cased. */
  static boolean names(List<String> plates, String value) {
    String text = Declaration.normalisePlate(value);
    for (String plate : plates) {
      String p = Declaration.normalisePlate(plate);
      if (!p.isEmpty() && text.contains(p)) {
        return true;
      }
    }
    return false;
  }
}
