package dev.taskstore.examples;

import dev.taskstore.TaskBase;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * How an application adds its own Flyway migrations beside taskstore's bundled ones: its tables live in the
 * same schema as taskstore's, but its migrations are a separate Flyway history.
 *
 * <ul>
 *   <li>taskstore's migrations: {@code classpath:db/migration} (in the core jar), applied by
 *       {@link TaskStore#migrate()}, recorded in Flyway's default table {@code flyway_schema_history}.</li>
 *   <li>the application's: {@code classpath:db/app-migration} (here in this module's resources), applied by
 *       the application's own {@link Flyway}, recorded in {@value #HISTORY_TABLE}.</li>
 * </ul>
 *
 * <p>Two histories, so that each side numbers its versions freely: taskstore's next {@code V2} never
 * collides with the application's {@code V2}, and neither is ever "out of order" for the other. (One Flyway
 * over both locations would share one version sequence: a taskstore upgrade that adds {@code V2} after the
 * application applied its {@code V5} would be refused as out of order.) taskstore's migrations run first
 * because the application's refer to its tables. The application's Flyway meets a schema that already has
 * tables, so it baselines at version 0: it records that it started there and then applies {@code V1} and
 * up. The application's migrations must not live in {@code db/migration}: that location, Flyway's default,
 * holds taskstore's files on the classpath.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Dexample=dev.taskstore.examples.AppMigrations}.
 */
public final class AppMigrations {

  /** Where the application's migrations live on the classpath. */
  public static final String LOCATION = "classpath:db/app-migration";
  /** The application's Flyway history table; taskstore's is Flyway's default, {@code flyway_schema_history}. */
  public static final String HISTORY_TABLE = "app_schema_history";

  private AppMigrations() {}

  /**
   * Migrates the database named by the environment and uses the application's table.
   *
   * @param args ignored
   * @throws SQLException when the application's own SQL fails
   */
  public static void main(String[] args) throws SQLException {
    run(TaskStoreConfig.fromEnvironment().build(), System.out);
  }

  /**
   * Applies taskstore's migrations, then the application's, then writes a task through taskstore and labels
   * through the application's own SQL.
   *
   * @param config where the database is
   * @param out where to print what happened
   * @throws SQLException when the application's own SQL fails
   */
  public static void run(TaskStoreConfig config, PrintStream out) throws SQLException {
    try (TaskStore store = TaskStore.open(config)) {
      int ours = store.migrate();
      out.println("taskstore migrations (flyway_schema_history): " + describe(ours));
      MigrateResult app = applicationFlyway(config).migrate();
      out.println("application migrations (" + HISTORY_TABLE + "): " + describe(app.migrationsExecuted));
      for (MigrateOutput m : app.migrations) {
        out.println("  applied V" + m.version + " " + m.description);
      }

      TaskRead task = store.tasks().create(TaskBase.of("Prepare the budget"));
      try (Connection connection = connect(config)) {
        addLabels(connection, task.id(), List.of("finance", "q4"));
        out.println("task #" + task.id() + " \"" + task.title() + "\" labels: " + labels(connection, task.id()));
        store.tasks().delete(task.id());
        out.println("after deleting the task through taskstore, its labels: " + labels(connection, task.id())
            + " (ON DELETE CASCADE in the application's migration)");
      }
    }
  }

  /**
   * The application's Flyway: its own location and history table, in the same schema as taskstore's.
   *
   * @param config where the database is
   * @return the configured Flyway
   */
  public static Flyway applicationFlyway(TaskStoreConfig config) {
    return Flyway.configure()
        .dataSource(config.jdbcUrl(), config.username().orElse(null), config.password().orElse(null))
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // The schema holds taskstore's tables already: start the application's history at 0, so that its
        // V1 is applied rather than assumed to be part of the existing schema.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  private static void addLabels(Connection connection, long taskId, List<String> labels) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO task_label (task_id, label) VALUES (?, ?)")) {
      for (String label : labels) {
        insert.setLong(1, taskId);
        insert.setString(2, label);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static List<String> labels(Connection connection, long taskId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT label FROM task_label WHERE task_id = ? ORDER BY label")) {
      select.setLong(1, taskId);
      List<String> labels = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          labels.add(rows.getString(1));
        }
      }
      return labels;
    }
  }

  private static Connection connect(TaskStoreConfig config) throws SQLException {
    Properties credentials = new Properties();
    config.username().ifPresent(u -> credentials.setProperty("user", u));
    config.password().ifPresent(p -> credentials.setProperty("password", p));
    return DriverManager.getConnection(config.jdbcUrl(), credentials);
  }

  private static String describe(int applied) {
    return applied == 0 ? "up to date" : applied + " applied";
  }
}
