package io.corridor.storage;

import io.corridor.config.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A data class a capability module keeps with a limit of its own, deleted row by row rather than by
 * dropping partitions (shipments and their alerts end at different times). The retention job
 * ({@link PartitionMaintenance}, once per cluster) calls {@link #expire}; the retention report
 * shows {@link #figures}. Modules contribute theirs through a {@link Provider} registered in
 * {@code META-INF/services/io.corridor.storage.ExpiringData$Provider}. Blocking.
 */
public interface ExpiringData {

  /** The class's name in the retention report. */
  String name();

  /** The configured limit. */
  Duration limit();

  /** How the limit is counted, for the report. */
  String note();

  /** Deletes what is past the limit at {@code now}; returns the rows deleted. */
  long expire(Connection c, Instant now) throws SQLException;

  /**
   * What is held now.
   *
   * @param rows rows (or items) of the class present
   * @param oldest the earliest time the limit counts from among them, null when none
   */
  record Figures(long rows, Instant oldest) {}

  /** The figures now. */
  Figures figures(Connection c) throws SQLException;

  /** Makes a module's data classes from the node's settings. */
  interface Provider {
    /** The data classes, with limits read (and validated) from {@code settings}. */
    List<ExpiringData> expiring(Settings settings);
  }

  /** Every data class of the modules on the class path. */
  static List<ExpiringData> discover(Settings settings) {
    return ServiceLoader.load(Provider.class).stream().flatMap(p -> p.get().expiring(settings).stream()).toList();
  }
}
