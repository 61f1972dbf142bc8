package io.corridor.ingest;

import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes plate reads into {@code plate_reads} with one statement per group: column arrays unnested
 * server-side, {@code ON CONFLICT DO NOTHING} so retried ids are stored once, {@code RETURNING} to
 * learn which reads are new. Plate text leaves this class only as HMAC and AES-GCM ciphertext.
 */
public final class PlateReadSink implements BatchSink<PlateRead> {

  private static final String INSERT = """
      INSERT INTO plate_reads (event_id, device_id, event_time, received_time, plate_hash, plate_ct, country,
                               confidence, lat, lon, lane, speed_kmh, frame_ids)
      SELECT id, dev, timestamptz 'epoch' + et * interval '1 millisecond',
             timestamptz 'epoch' + rt * interval '1 millisecond', h, ct, co, cf, la, lo, ln, sp, fr::text[]
        FROM unnest(?::uuid[], ?::text[], ?::int8[], ?::int8[], ?::bytea[], ?::bytea[], ?::text[], ?::float4[],
                    ?::float8[], ?::float8[], ?::int2[], ?::float4[], ?::text[])
             AS t(id, dev, et, rt, h, ct, co, cf, la, lo, ln, sp, fr)
      ON CONFLICT DO NOTHING
      RETURNING event_id""";

  private final PlateProtector protector;

  /** Protects plates with {@code protector}. */
  public PlateReadSink(PlateProtector protector) {
    this.protector = protector;
  }

  @Override
  public List<PlateRead> write(Connection c, List<PlateRead> reads) throws SQLException {
    int n = reads.size();
    String[] ids = new String[n];
    String[] devices = new String[n];
    Long[] eventTimes = new Long[n];
    Long[] receivedTimes = new Long[n];
    byte[][] hashes = new byte[n][];
    byte[][] ciphertexts = new byte[n][];
    String[] countries = new String[n];
    Float[] confidences = new Float[n];
    Double[] lats = new Double[n];
    Double[] lons = new Double[n];
    Short[] lanes = new Short[n];
    Float[] speeds = new Float[n];
    String[] frames = new String[n];
    for (int i = 0; i < n; i++) {
      PlateRead r = reads.get(i);
      ids[i] = r.getEventId();
      devices[i] = r.getDeviceId();
      eventTimes[i] = r.getEventTime().toEpochMilli();
      receivedTimes[i] = r.getReceivedTime().toEpochMilli();
      hashes[i] = protector.hash(r.getPlate());
      ciphertexts[i] = protector.encrypt(r.getPlate());
      countries[i] = r.getCountry();
      confidences[i] = r.getConfidence();
      lats[i] = r.getLocation() == null ? null : r.getLocation().getLat();
      lons[i] = r.getLocation() == null ? null : r.getLocation().getLon();
      lanes[i] = r.getLane() == null ? null : r.getLane().shortValue();
      speeds[i] = r.getSpeedKmh();
      frames[i] = arrayLiteral(r.getFrameIds());
    }
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      Object[][] columns = {ids, devices, eventTimes, receivedTimes, hashes, ciphertexts, countries, confidences,
          lats, lons, lanes, speeds, frames};
      String[] types = {"uuid", "text", "int8", "int8", "bytea", "bytea", "text", "float4", "float8", "float8",
          "int2", "float4", "text"};
      List<Array> arrays = new ArrayList<>();
      for (int col = 0; col < columns.length; col++) {
        Array array = c.createArrayOf(types[col], columns[col]);
        arrays.add(array);
        ps.setArray(col + 1, array);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
      for (Array array : arrays) {
        array.free();
      }
    }
    List<PlateRead> stored = new ArrayList<>(inserted.size());
    for (PlateRead r : reads) {
      if (inserted.remove(r.getEventId())) {
        stored.add(r);
      }
    }
    return stored;
  }

  /** A PostgreSQL array literal; frame ids are validated to characters that need no escaping. */
  private static String arrayLiteral(List<String> values) {
    return "{" + String.join(",", values) + "}";
  }
}
