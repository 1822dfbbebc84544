package dev.taskstore.internal;

import dev.taskstore.DatabaseException;
import dev.taskstore.TaskStoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Runs the Flyway migrations bundled in the core jar ({@code classpath:db/migration}). Not public API. */
public final class Migrations {

  /** Where the migrations live inside the jar. */
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /**
   * Applies the pending migrations; returns how many ran (0 when the schema is current). A database error
   * is translated like any other; a failure Flyway detects itself (a migration history that disagrees with
   * the bundled migrations, a schema it does not manage) becomes a {@link DatabaseException} with Flyway's
   * explanation, which names versions and checksums, never data.
   */
  public static int migrate(DataSource dataSource, ErrorTranslator translator) {
    try {
      MigrateResult result = Flyway.configure()
          .dataSource(dataSource)
          .locations(LOCATION)
          .load()
          .migrate();
      return result.migrationsExecuted;
    } catch (RuntimeException e) {
      RuntimeException translated = translator.translate(e);
      if (translated instanceof TaskStoreException) {
        throw translated;
      }
      throw new DatabaseException("migrating the schema failed: " + e.getMessage(), null, e);
    }
  }
}
