package io.corridor.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Looks for traces of a record in every table of a database (every schema but the catalogs,
 * partitions included): each row is rendered as JSON and searched for the given strings, so a
 * test can prove that something was erased everywhere, not only where the code knows to look.
 */
public final class SchemaScan {

  private SchemaScan() {}

  /** The tables (partitions named by their parent) holding a row that contains one of {@code traces}. */
  public static List<String> tablesContaining(DataSource dataSource, List<String> traces) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      List<String[]> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("""
          SELECT quote_ident(n.nspname) || '.' || quote_ident(r.relname), r.relname
            FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace
           WHERE r.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
             AND n.nspname NOT LIKE 'pg_toast%'""")) {
        while (rs.next()) {
          tables.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      if (tables.size() < 5) {
        throw new IllegalStateException("only " + tables.size() + " tables found: is this the migrated database?");
      }
      for (String[] table : tables) {
        for (String trace : traces) {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT count(*) FROM " + table[0] + " t WHERE position(? IN lower(row_to_json(t)::text)) > 0")) {
            ps.setString(1, trace.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              if (rs.getLong(1) > 0) {
                found.add(table[1].replaceAll("_p\\d{8}$", ""));
              }
            }
          }
        }
      }
    }
    return found.stream().distinct().toList();
  }

  /** How a stored read shows in rows: its id, and its plate's blind index and ciphertext in hex. */
  public static List<String> readTraces(DataSource dataSource, String eventId) throws SQLException {
    List<String> traces = new ArrayList<>(List.of(eventId));
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT plate_hash, plate_ct FROM plate_reads WHERE event_id = ?::uuid")) {
      ps.setString(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          traces.add(HexFormat.of().formatHex(rs.getBytes(1)));
          traces.add(HexFormat.of().formatHex(rs.getBytes(2)));
        }
      }
    }
    return traces;
  }
}
