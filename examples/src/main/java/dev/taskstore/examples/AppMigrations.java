package dev.taskstore.examples;

import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.Transaction;
import dev.taskstore.UniqueViolationException;
import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * taskstore inside an application that has its own tables and runs its own Flyway with all of Flyway's
 * defaults, as Spring Boot does.
 *
 * <ul>
 *   <li>taskstore keeps its tables in a schema of its own, {@value #TASKSTORE_SCHEMA}: its migrations
 *       ({@code classpath:dev/taskstore/migration} in the core jar) are applied by {@link TaskStore#migrate()}
 *       and recorded in {@code taskstore.taskstore_schema_history}.</li>
 *   <li>the application's migrations live where Flyway looks by default, {@code classpath:db/migration}, and
 *       are recorded in Flyway's default {@code flyway_schema_history} in {@code public}.</li>
 * </ul>
 *
 * <p>Neither Flyway sees the other's files or history, so each side numbers its versions freely. taskstore
 * migrates first here because the application's table refers to taskstore's {@code task}. The application's
 * rows are written with taskstore's in one transaction, through {@link Transaction#jdbc}: they commit together
 * and roll back together, and a constraint of the application's table fails like one of taskstore's.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Dexample=dev.taskstore.examples.AppMigrations}.
 */
public final class AppMigrations {

  /** The schema of taskstore's tables in this application. */
  public static final String TASKSTORE_SCHEMA = "taskstore";

  private AppMigrations() {}

  /**
   * Migrates the database named by the environment (or an embedded one) and uses both sides' tables.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(TaskStoreConfig.fromEnvironment().schema(TASKSTORE_SCHEMA).build(), System.out);
  }

  /**
   * Applies taskstore's migrations, then the application's, then writes tasks with their labels in single
   * transactions.
   *
   * @param config where the database is; its schema should be {@value #TASKSTORE_SCHEMA}, which the
   *     application's migration refers to
   * @param out where to print what happened
   */
  public static void run(TaskStoreConfig config, PrintStream out) {
    try (TaskStore store = TaskStore.open(config)) {
      int ours = store.migrate();
      out.println("taskstore migrations (" + config.schema() + ".taskstore_schema_history): " + describe(ours));
      MigrateResult app = applicationFlyway(store.config()).migrate();
      out.println("application migrations (flyway_schema_history): " + describe(app.migrationsExecuted));
      for (MigrateOutput m : app.migrations) {
        out.println("  applied V" + m.version + " " + m.description);
      }

      TaskRead task = store.inTransaction(tx -> {
        TaskRead created = tx.tasks().create(TaskBase.of("Prepare the budget"));
        addLabels(tx, created.id(), List.of("finance", "q4"));
        return created;
      });
      out.println("task #" + task.id() + " \"" + task.title() + "\" labels: " + labels(store, task.id()));

      try {
        store.useTransaction(tx -> {
          TaskRead created = tx.tasks().create(TaskBase.of("Label it twice"));
          addLabels(tx, created.id(), List.of("urgent", "urgent"));
        });
      } catch (UniqueViolationException e) {
        out.println("a label given twice -> " + e.getClass().getSimpleName() + ", constraint "
            + e.constraintName().orElse("?") + ", HTTP " + e.httpStatus() + "; tasks after the rollback: "
            + store.tasks().count(TaskFilter.all()));
      }

      store.tasks().delete(task.id());
      out.println("after deleting the task through taskstore, its labels: " + labels(store, task.id())
          + " (ON DELETE CASCADE in the application's migration)");
    }
  }

  /**
   * The application's Flyway, with Flyway's defaults for location, history table and schema; it migrates
   * through the same connections as taskstore.
   *
   * @param config the open store's configuration (with the URL of an embedded server it started)
   * @return the configured Flyway
   */
  public static Flyway applicationFlyway(TaskStoreConfig config) {
    DataSource dataSource = config.dataSource().orElse(null);
    if (dataSource != null) {
      return Flyway.configure().dataSource(dataSource).load();
    }
    return Flyway.configure()
        .dataSource(config.jdbcUrl().orElseThrow(), config.username().orElse(null), config.password().orElse(null))
        .load();
  }

  private static void addLabels(Transaction tx, long taskId, List<String> labels) {
    tx.jdbc(c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO task_label (task_id, label) VALUES (?, ?)")) {
        for (String label : labels) {
          insert.setLong(1, taskId);
          insert.setString(2, label);
          insert.addBatch();
        }
        return insert.executeBatch().length;
      }
    });
  }

  private static List<String> labels(TaskStore store, long taskId) {
    return store.jdbc(c -> {
      try (PreparedStatement select = c.prepareStatement(
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
    });
  }

  private static String describe(int applied) {
    return applied == 0 ? "up to date" : applied + " applied";
  }
}
