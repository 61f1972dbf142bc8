package io.corridor.storage.evidence;

import io.corridor.storage.PlateProtector;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code evidence_frames} table. The image is stored only as AES-256-GCM ciphertext (the
 * plate encryption key, {@link PlateProtector#encryptBytes}) bound to its camera and frame id, next
 * to the SHA-256 of the clear image so a decrypted copy can be shown to be the frame received.
 * Blocking; call it from a worker thread. There is deliberately no read method here: a read path
 * must come with a role check and an audit entry.
 */
public final class EvidenceStore {

  private static final String INSERT = """
      INSERT INTO evidence_frames (device_id, frame_id, taken_at, content_type, image_sha256, image_ct,
                                   reason, marked_by, marked_at, keep_until)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, frame_id) DO NOTHING""";

  private final DataSource dataSource;
  private final PlateProtector protector;

  /** Encrypts with {@code protector}'s key. */
  public EvidenceStore(DataSource dataSource, PlateProtector protector) {
    this.dataSource = dataSource;
    this.protector = protector;
  }

  /**
   * Stores {@code frame} encrypted, unless this camera's frame is already stored.
   *
   * @return whether a row was written (false: it was already kept)
   * @throws IllegalArgumentException when the frame id is not a UUID
   */
  public boolean insert(EvidenceFrame frame, String reason, String markedBy, Instant markedAt, Instant keepUntil)
      throws SQLException {
    UUID frameId = UUID.fromString(frame.frameId());
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, frame.deviceId());
      ps.setObject(2, frameId);
      ps.setTimestamp(3, Timestamp.from(frame.takenAt()));
      ps.setString(4, frame.contentType());
      ps.setBytes(5, sha256(frame.image()));
      ps.setBytes(6, protector.encryptBytes(frame.image(), context(frame.deviceId(), frameId.toString())));
      ps.setString(7, reason);
      ps.setString(8, markedBy);
      ps.setTimestamp(9, Timestamp.from(markedAt));
      ps.setTimestamp(10, Timestamp.from(keepUntil));
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Deletes the evidence whose {@code keep_until} has passed.
   *
   * @return how many frames were deleted
   */
  public static int deleteExpired(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM evidence_frames WHERE keep_until <= ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      return ps.executeUpdate();
    }
  }

  /**
   * The authenticated context of a frame's ciphertext: decrypting needs the same camera and frame
   * id, so a ciphertext copied into another row does not decrypt.
   */
  public static String context(String deviceId, String frameId) {
    return "evidence-frame|" + deviceId + "|" + frameId;
  }

  /** SHA-256 of {@code image}. */
  public static byte[] sha256(byte[] image) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(image);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
