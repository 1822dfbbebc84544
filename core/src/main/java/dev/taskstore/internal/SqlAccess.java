package dev.taskstore.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * How a repository reaches the database: either one pooled connection per call (outside a transaction) or
 * the connection of the caller's transaction. Every failure comes out translated. Not public API.
 */
interface SqlAccess {

  /** Runs one statement (or several that need no transaction of their own), reported as {@code op}. */
  <T> T call(Op op, Function<DSLContext, T> work);

  /**
   * Runs several calls that must succeed or fail together: {@code work} makes them through the access it is
   * given (a transaction, or the caller's transaction itself), each reported on its own.
   */
  <T> T atomic(Function<SqlAccess, T> work);

  /**
   * Runs plain JDBC work (statements whose SQL jOOQ rendered in advance, see {@link TaskSql}) on a pooled
   * connection, returned afterwards, or on the caller's transaction's connection, reported as {@code op}.
   */
  <T> T withConnection(Op op, JdbcWork<T> work);

  /** JDBC work on one connection. */
  @FunctionalInterface
  interface JdbcWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
