package io.corridor.rules.engine.store;

import java.util.List;

/**
 * The outcome of a CSV import.
 *
 * @param rows data rows read
 * @param stored rows stored (new or updated)
 * @param duplicates rows that repeated a plate already in the file (the first wins)
 * @param errors rows refused, each naming its line, column and reason; nothing is stored when any
 */
public record ImportResult(int rows, int stored, int duplicates, List<RowError> errors) {

  /** One refused row. */
  public record RowError(int line, String field, String reason) {}
}
