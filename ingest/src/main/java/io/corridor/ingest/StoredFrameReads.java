package io.corridor.ingest;

import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Finds the stored reads that already name a frame, so a camera's retry of a frame whose group was
 * stored (on this node or, before a crash, on another) is answered with that read instead of making
 * a second one. Uses the partial index {@code plate_reads_device_frames}. Blocking.
 */
public final class StoredFrameReads {

  private static final String FIND = """
      SELECT event_id, event_time, received_time, plate_ct, country, confidence, frame_ids FROM plate_reads
       WHERE device_id = ? AND event_time BETWEEN ? AND ? AND cardinality(frame_ids) > 0 AND ? = ANY(frame_ids)
       ORDER BY event_time, event_id""";

  private final DataSource dataSource;
  private final PlateProtector protector;

  /** Decrypts the plates it finds with {@code protector}: the answer to the camera names them. */
  public StoredFrameReads(DataSource dataSource, PlateProtector protector) {
    this.dataSource = dataSource;
    this.protector = protector;
  }

  /** Reads of {@code deviceId} with an event time in {@code [from, to]} whose frame ids include {@code frameId}. */
  public List<PlateRead> find(String deviceId, String frameId, Instant from, Instant to) throws SQLException {
    List<PlateRead> reads = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, deviceId);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      ps.setString(4, frameId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Array frames = rs.getArray(7);
          float confidence = rs.getFloat(6);
          reads.add(PlateRead.newBuilder()
              .setEventId(rs.getString(1))
              .setDeviceId(deviceId)
              .setEventTime(rs.getTimestamp(2).toInstant())
              .setReceivedTime(rs.getTimestamp(3).toInstant())
              .setPlate(protector.decrypt(rs.getBytes(4)))
              .setCountry(rs.getString(5))
              .setConfidence(confidence)
              .setFrameIds(Arrays.asList((String[]) frames.getArray()))
              .build());
        }
      }
    }
    return reads;
  }
}
