package db.migration;

import io.corridor.storage.TimeSeriesSchema;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the time-series tables: TimescaleDB hypertables when the extension is available and
 * allowed (placeholder {@code timescale} = {@code auto}), PostgreSQL native range partitions
 * otherwise. Flyway finds Java migrations in this package by convention.
 */
public class V2__time_series_tables extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    boolean allowed = !"off".equals(context.getConfiguration().getPlaceholders().get("timescale"));
    TimeSeriesSchema.create(context.getConnection(), allowed);
  }
}
