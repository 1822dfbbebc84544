package dev.taskstore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The application's own JDBC, run on the connection of a taskstore unit of work: see
 * {@link Repositories#jdbc(JdbcCallback)}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface JdbcCallback<T> {

  /**
   * Does the work.
   *
   * @param connection the unit of work's connection; usable only while this method runs, and only for
   *     statements and savepoints: closing it, committing, rolling back the whole transaction or changing
   *     auto-commit, read-only or the isolation level throws {@link IllegalStateException}
   * @return the result
   * @throws SQLException whatever the work throws; taskstore translates it like its own failures
   */
  T run(Connection connection) throws SQLException;
}
