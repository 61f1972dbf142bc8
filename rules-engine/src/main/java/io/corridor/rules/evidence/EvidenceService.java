package io.corridor.rules.evidence;

import io.corridor.rules.violations.ViolationRecord;
import io.corridor.rules.violations.ViolationStore;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.evidence.EvidenceStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Assembles the evidence package of one violation: the violation record (plate decrypted), the
 * reads it rests on, the site's calibration reference as the rule recorded it, and every kept
 * frame (decrypted from {@code evidence_frames}), signed by the node's evidence key. Blocking;
 * the caller audits the access.
 */
public final class EvidenceService {

  private final DataSource dataSource;
  private final ViolationStore store;
  private final PlateProtector protector;
  private final EvidenceSigner signer;
  private final Clock clock;

  /** Signs with {@code signer}. */
  public EvidenceService(DataSource dataSource, ViolationStore store, PlateProtector protector, EvidenceSigner signer,
      Clock clock) {
    this.dataSource = dataSource;
    this.store = store;
    this.protector = protector;
    this.signer = signer;
    this.clock = clock;
  }

  /** The signed package of violation {@code id}, or empty when there is no such violation. */
  public Optional<JsonObject> build(String id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      ViolationRecord v = store.find(c, id, false);
      if (v == null) {
        return Optional.empty();
      }
      EvidencePackage pkg = new EvidencePackage();
      JsonObject violation = v.toJson();
      JsonArray reads = (JsonArray) violation.remove("reads");
      pkg.json("violation.json", violation);
      pkg.json("reads.json", new JsonObject().put("reads", reads));
      pkg.json("calibration.json", calibration(v.record()));
      addFrames(c, v.id(), pkg);
      return Optional.of(pkg.sign(v.id(), clock.instant(), signer));
    }
  }

  /** The fields of the rule's record that name the site and the device's calibration. */
  static JsonObject calibration(JsonObject record) {
    JsonObject reference = new JsonObject();
    for (String field : record.fieldNames()) {
      String lower = field.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("calibration") || lower.contains("certificate") || lower.startsWith("site")
          || lower.contains("measurement")) {
        reference.put(field, record.getValue(field));
      }
    }
    return reference;
  }

  private void addFrames(Connection c, String id, EvidencePackage pkg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT ef.device_id, ef.frame_id, ef.content_type, ef.image_ct, ef.taken_at
          FROM evidence_frames ef
         WHERE (ef.device_id, ef.frame_id::text) IN (
               SELECT device_id, unnest(frame_ids) FROM violation_reads WHERE violation_id = ?)
         ORDER BY ef.taken_at, ef.frame_id""")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String device = rs.getString(1);
          String frame = rs.getString(2);
          String type = rs.getString(3);
          byte[] image = protector.decryptBytes(rs.getBytes(4), EvidenceStore.context(device, frame));
          pkg.part("frame-" + device + "-" + frame + (type.equals("image/png") ? ".png" : ".jpg"), type, image);
        }
      }
    }
  }
}
