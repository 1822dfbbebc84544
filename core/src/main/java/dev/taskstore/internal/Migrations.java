package dev.taskstore.internal;

import dev.taskstore.DatabaseException;
import dev.taskstore.TaskStoreException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the Flyway migrations bundled in the core jar, from a location and into a history table of taskstore's
 * own, so that an application's Flyway with its defaults ({@code classpath:db/migration},
 * {@code flyway_schema_history}) neither sees taskstore's migrations nor records them. Not public API.
 */
final class Migrations {

  /** Where the migrations live inside the jar; never Flyway's default location. */
  public static final String LOCATION = "classpath:dev/taskstore/migration";

  /** taskstore's Flyway history table, in the store's schema; never Flyway's default table. */
  public static final String HISTORY_TABLE = "taskstore_schema_history";

  private Migrations() {}

  /**
   * Applies the pending migrations; returns how many ran (0 when the schema is current). A database error
   * is translated like any other; a failure Flyway detects itself (a migration history that disagrees with
   * the bundled migrations, a schema it does not manage) becomes a {@link DatabaseException} with Flyway's
   * explanation, which names versions and checksums, never data.
   */
  static int migrate(DataSource dataSource, String schema, Function<Throwable, RuntimeException> translator) {
    try {
      MigrateResult result = Flyway.configure()
          .dataSource(dataSource)
          .locations(LOCATION)
          .table(HISTORY_TABLE)
          .schemas(schema)
          .defaultSchema(schema)
          .createSchemas(true)
          // A schema that already holds the application's tables (e.g. public, migrated by the application's
          // own Flyway) has no taskstore history yet: start taskstore's at version 0, so that V1 still runs.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
      return result.migrationsExecuted;
    } catch (RuntimeException e) {
      RuntimeException translated = translator.apply(e);
      if (translated instanceof TaskStoreException) {
        throw translated;
      }
      throw new DatabaseException("migrating the schema failed: " + e.getMessage(), null, e);
    }
  }
}
