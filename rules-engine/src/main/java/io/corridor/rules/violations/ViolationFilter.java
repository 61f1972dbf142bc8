package io.corridor.rules.violations;

import java.time.Instant;

/**
 * What {@code GET /v1/violations} asks for; null fields do not filter. Paging is by
 * {@code (foundAt, id)}: {@code after} is the previous page's {@code next} cursor.
 */
public record ViolationFilter(ViolationStatus status, String kind, String camera, Instant since, Cursor after,
    int limit) {

  /** A position in the list: the last item of a page. */
  public record Cursor(Instant foundAt, String id) {

    /** {@code <foundAt>/<id>}, as sent back to clients in {@code next}. */
    public String encode() {
      return foundAt + "/" + id;
    }

    /** Parses {@link #encode()}. */
    public static Cursor parse(String value) {
      int slash = value.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("after: must be the 'next' value of a previous page");
      }
      try {
        return new Cursor(Instant.parse(value.substring(0, slash)),
            java.util.UUID.fromString(value.substring(slash + 1)).toString());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("after: must be the 'next' value of a previous page");
      }
    }
  }
}
