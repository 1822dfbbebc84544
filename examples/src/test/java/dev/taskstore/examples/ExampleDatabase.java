package dev.taskstore.examples;

import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL the examples' tests run on: the JVM's shared one, which the tests hand to each
 * example's {@code run} (an example's {@code main} starts an embedded server of its own when
 * {@code DATABASE_URL} is not set). Tests isolate their data with {@link #truncate()}.
 */
public final class ExampleDatabase {

  private static TaskStore store;

  private ExampleDatabase() {}

  /** The example configuration on the shared embedded server, with a small pool. */
  public static TaskStoreConfig config() {
    return TaskStoreConfig.builder().url(EmbeddedDatabase.shared().jdbcUrl()).minimumIdle(1).maximumPoolSize(10)
        .build();
  }

  /** A shared, migrated store for the tests' own checks and for the HTTP service under test. */
  public static synchronized TaskStore store() {
    if (store == null) {
      store = TaskStore.open(config());
      store.migrate();
    }
    return store;
  }

  /** Empties taskstore's tables and restarts their ids at 1. */
  public static void truncate() {
    store();
    execute("TRUNCATE task, teamuserlink, team, \"user\" RESTART IDENTITY CASCADE");
  }

  /** Runs SQL on a fresh connection to the embedded server's {@code postgres} database. */
  public static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(EmbeddedDatabase.shared().jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
