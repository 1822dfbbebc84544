package dev.taskstore.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Runs the Flyway migrations bundled in the core jar ({@code classpath:db/migration}). Not public API. */
public final class Migrations {

  /** Where the migrations live inside the jar. */
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /** Applies the pending migrations; returns how many ran (0 when the schema is current). */
  public static int migrate(DataSource dataSource) {
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .load()
        .migrate();
    return result.migrationsExecuted;
  }
}
