package dev.taskstore.spring.autoconfigure;

import dev.taskstore.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database on the JVM's one embedded PostgreSQL for each test that asks, and plain JDBC to inspect it. */
final class TestDatabases {

  private static final AtomicInteger NEXT = new AtomicInteger();

  private TestDatabases() {}

  /** @return the JDBC URL of a new, empty database */
  static String fresh() {
    EmbeddedDatabase server = EmbeddedDatabase.shared();
    String name = "spring_" + NEXT.incrementAndGet();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return "jdbc:postgresql://localhost:" + server.port() + "/" + name + "?user=postgres";
  }

  /** @return the first column of each row the query returns, as strings, on a connection of its own */
  static List<String> query(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the tables of a schema, sorted */
  static List<String> tables(String url, String schema) {
    return query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
        + "' ORDER BY table_name");
  }
}
