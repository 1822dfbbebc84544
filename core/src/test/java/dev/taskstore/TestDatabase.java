package dev.taskstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One embedded PostgreSQL per test JVM, migrated once, and one shared store over it. Tests isolate their
 * data by calling {@link #truncate()} first (see {@link DatabaseTest}).
 */
public final class TestDatabase {

  private static TaskStore store;

  private TestDatabase() {}

  /** The shared server. */
  public static EmbeddedDatabase server() {
    return EmbeddedDatabase.shared();
  }

  /** A config builder for the shared server with a small pool. */
  public static TaskStoreConfig.Builder config() {
    return TaskStoreConfig.builder().url(server().jdbcUrl()).minimumIdle(2).maximumPoolSize(20);
  }

  /** The shared, migrated store. */
  public static synchronized TaskStore store() {
    if (store == null) {
      store = TaskStore.open(config().build());
      store.migrate();
    }
    return store;
  }

  /** Empties every table and restarts the ids. */
  public static void truncate() {
    store();
    execute("TRUNCATE task, teamuserlink, team, \"user\" RESTART IDENTITY CASCADE");
  }

  /**
   * Creates an empty database of this name on the shared server, first dropping one an earlier test left;
   * returns its JDBC URL. The caller drops it when done.
   */
  public static String createDatabase(String name) {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    execute("CREATE DATABASE " + name);
    return server().jdbcUrl().replace("/postgres?", "/" + name + "?");
  }

  /** Runs SQL on a fresh connection to the database at {@code url}. */
  public static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of every row of a query on a fresh connection to the database at {@code url}. */
  public static List<String> strings(String url, String sql) {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Runs SQL on a fresh connection (for setting up what the API cannot, and for checking behind it). */
  public static void execute(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads one long from SQL on a fresh connection. */
  public static long queryLong(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many migrations taskstore bundles: a fresh schema applies each of them once. */
  public static int bundledMigrations() {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
        TestDatabase.class.getResource("/dev/taskstore/migration").toURI()))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    } catch (java.io.IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain JDBC connection to the shared server. */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(server().jdbcUrl());
  }
}
