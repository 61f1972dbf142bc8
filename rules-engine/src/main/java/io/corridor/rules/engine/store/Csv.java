package io.corridor.rules.engine.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal RFC 4180 reader for operator imports: a header line naming the columns, then rows;
 * fields may be quoted ({@code "a, b"}, {@code ""} for a quote). Blank lines and lines starting
 * with {@code #} are skipped.
 */
public final class Csv {

  /** One data row: its 1-based line number and its fields by lower-case column name. */
  public record Row(int line, Map<String, String> fields) {

    /** The trimmed field, or {@code null} when absent or empty. */
    public String get(String column) {
      String v = fields.get(column);
      return v == null || v.isBlank() ? null : v.trim();
    }
  }

  private Csv() {}

  /**
   * Parses {@code text}, requiring the columns {@code required}.
   *
   * @throws IllegalArgumentException when the header lacks a required column
   */
  public static List<Row> parse(String text, String... required) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    List<String> header = null;
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = split(line);
      if (header == null) {
        header = fields.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
        for (String r : required) {
          if (!header.contains(r)) {
            throw new IllegalArgumentException("the header line must name the column '" + r + "' (columns: "
                + String.join(",", required) + ")");
          }
        }
        continue;
      }
      Map<String, String> m = new HashMap<>();
      for (int c = 0; c < header.size() && c < fields.size(); c++) {
        m.put(header.get(c), fields.get(c));
      }
      rows.add(new Row(i + 1, m));
    }
    if (header == null) {
      throw new IllegalArgumentException("empty: the first line must name the columns " + String.join(",", required));
    }
    return rows;
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
