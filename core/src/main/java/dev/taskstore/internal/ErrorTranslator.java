package dev.taskstore.internal;

import dev.taskstore.CheckViolationException;
import dev.taskstore.ConnectionException;
import dev.taskstore.DatabaseException;
import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.InvalidDataException;
import dev.taskstore.NotNullViolationException;
import dev.taskstore.QueryTimeoutException;
import dev.taskstore.RetryableException;
import dev.taskstore.TaskStoreException;
import dev.taskstore.UniqueViolationException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Supplier;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place where failures become taskstore exceptions: by SQLSTATE and the server's error fields
 * (constraint, table, column), never by message text. Messages carry names, never bound values or
 * passwords; the original exception is kept as the cause. Not public API.
 */
final class ErrorTranslator {

  /** The server's routine names for "cached plan must not change result type" (9.2+, and before). */
  private static final Set<String> STALE_PLAN_ROUTINES = Set.of("RevalidateCachedQuery", "RevalidateCachedPlan");

  /**
   * The server's routines that refuse SERIALIZABLE on a hot standby: setting the transaction's isolation (the
   * enum setting's check) and, with {@code default_transaction_isolation = serializable}, taking the snapshot.
   */
  private static final Set<String> HOT_STANDBY_SERIALIZABLE_ROUTINES =
      Set.of("call_enum_check_hook", "GetSerializableTransactionSnapshot");

  /** The server's routines that cancel a statement for a conflict with recovery on a hot standby (17+, before). */
  private static final Set<String> RECOVERY_CONFLICT_ROUTINES =
      Set.of("ProcessRecoveryConflictInterrupt", "ProcessInterrupts");

  private final Supplier<String> poolDescription;
  /** An exhausted pool is what an operator must act on: WARN on {@code dev.taskstore.pool}, rate-limited. */
  private final OperatorWarning exhaustionLog = new OperatorWarning("dev.taskstore.pool");

  /**
   * A translator that only translates: what to do about the connections after a failure is
   * the decision of {@link Database#failure(Throwable)}, made from the translated exception, as
   * HikariCP keeps it apart in its {@code SQLExceptionOverride}.
   *
   * @param poolDescription describes the pool's size and state for "pool exhausted" messages
   */
  ErrorTranslator(Supplier<String> poolDescription) {
    this.poolDescription = poolDescription;
  }

  /** Translates any failure; a {@link TaskStoreException} passes through unchanged. */
  public RuntimeException translate(Throwable failure) {
    if (failure instanceof TaskStoreException e) {
      return e;
    }
    SQLException sql = findSqlException(failure);
    if (sql == null) {
      if (failure instanceof RuntimeException r) {
        return r;
      }
      return new DatabaseException("database call failed: " + failure.getClass().getSimpleName(), null, failure);
    }
    return translate(sql, failure);
  }

  private TaskStoreException translate(SQLException sql, Throwable original) {
    String state = sql.getSQLState();
    ServerErrorMessage server = serverMessage(sql);
    String constraint = server == null ? null : server.getConstraint();
    String table = server == null ? null : server.getTable();
    String column = server == null ? null : server.getColumn();

    SQLException refusal = permanentRefusal(sql);
    if (refusal != null) {
      return refused(refusal, original);
    }
    if (sql instanceof SQLTransientConnectionException && !(sql instanceof PSQLException)) {
      // HikariCP's "connection is not available": with a cause when the database could not be reached.
      return poolTimeout(sql);
    }
    if (state == null) {
      return new ConnectionException("database connection failed: " + safeMessage(sql), null, original);
    }
    switch (state) {
      case "23505":
        return new UniqueViolationException(constraint, table, column, original);
      case "23503":
        return new ForeignKeyViolationException(constraint, table, column, original);
      case "23502":
        return new NotNullViolationException(constraint, table, column, original);
      case "23514":
        return new CheckViolationException(constraint, table, column, original);
      case "40001":
        if (server != null && RECOVERY_CONFLICT_ROUTINES.contains(server.getRoutine())) {
          return new RetryableException("the statement was cancelled on a hot standby (read replica) by a "
              + "conflict with replication (recovery conflict: the primary removed or locked what it read); retry "
              + "it, on the primary if it keeps happening (SQLSTATE 40001)", state, original);
        }
        return new RetryableException("serialization failure: the transaction conflicted with a concurrent "
            + "one and was rolled back; retry it", state, original);
      case "40P01":
        return new RetryableException("deadlock detected: the transaction was rolled back; retry it", state,
            original);
      case "25006":
        // A write in a transaction opened with TransactionOptions.readOnly, or sent to a hot standby (a URL that
        // names a replica, or a primary demoted by failover): a bug or a misconfiguration, not retryable.
        return new DatabaseException("the transaction is read-only, or the server is a hot standby (a read "
            + "replica): it cannot write (SQLSTATE 25006)", state, original);
      case "25P02":
        return new DatabaseException("the transaction was aborted by an earlier error and ignores further "
            + "statements until it ends; to go on after an error, run the failing part in a nested "
            + "transaction (SQLSTATE 25P02)", state, original);
      case "0A000":
        if (server != null && STALE_PLAN_ROUTINES.contains(server.getRoutine())) {
          // Outside a transaction pgjdbc prepares the statement again by itself; inside one the transaction
          // is aborted, and running it again on a fresh connection succeeds (the store replaces them).
          return new RetryableException("a prepared statement no longer matches the schema after a schema "
              + "change (cached plan must not change result type): the transaction was rolled back and the "
              + "pooled connections are being replaced; retry it", state, original);
        }
        if (server != null && HOT_STANDBY_SERIALIZABLE_ROUTINES.contains(server.getRoutine())) {
          // Not retryable: it fails the same way every time on this server.
          return new DatabaseException("a hot standby (read replica) cannot run SERIALIZABLE transactions: run it "
              + "on the primary, or use REPEATABLE READ (SQLSTATE 0A000)", state, original);
        }
        break;
      case "57014":
        return new QueryTimeoutException("statement cancelled: it ran past the statement timeout or was "
            + "cancelled", state, original);
      case "57P01":
        return new ConnectionException("the database server ended the connection: it is shutting down or an "
            + "administrator terminated the session (SQLSTATE 57P01)", state, original);
      case "57P02":
        return new ConnectionException("the database server ended the connection after a crash of another "
            + "server process (SQLSTATE 57P02)", state, original);
      case "57P03":
        return new ConnectionException("the database server is not accepting connections yet (starting up or "
            + "in recovery, SQLSTATE 57P03)", state, original);
      default:
        break;
    }
    if (state.startsWith("08")) {
      return new ConnectionException("database connection failed (SQLSTATE " + state + ")", state, original);
    }
    if (state.startsWith("22")) {
      return new InvalidDataException("the database rejected a value (SQLSTATE " + state + ")"
          + (column == null ? "" : " in column " + column), state, original);
    }
    if (state.startsWith("40")) {
      return new RetryableException("transaction rolled back (SQLSTATE " + state + ")", state, original);
    }
    return new DatabaseException("database error (SQLSTATE " + state + ")", state, original);
  }

  /**
   * The server's error fields: of the exception itself, or, for a batch, of the driver's exception it wraps
   * (pgjdbc's {@code BatchUpdateException} carries the SQLSTATE but not the constraint).
   */
  private static ServerErrorMessage serverMessage(SQLException sql) {
    if (sql instanceof PSQLException p) {
      return p.getServerErrorMessage();
    }
    for (Throwable c = sql.getCause(); c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
        return p.getServerErrorMessage();
      }
    }
    SQLException next = sql.getNextException();
    return next instanceof PSQLException p ? p.getServerErrorMessage() : null;
  }

  /** The permanent refusal of a new connection in {@code sql}'s causes (a pool's timeout wraps it), or null. */
  private static SQLException permanentRefusal(SQLException sql) {
    for (Throwable c = sql; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof SQLException s && Database.isPermanentRefusal(s.getSQLState())) {
        return s;
      }
    }
    return null;
  }

  /**
   * The one exception for a permanent refusal, whichever path met it (a pool, a direct connection, the
   * migrations): the server's reason, which names the user or database but never the password.
   */
  private static ConnectionException refused(SQLException refusal, Throwable original) {
    String reason = null;
    for (Throwable c = refusal; c != null && reason == null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
        reason = p.getServerErrorMessage().getMessage();
      }
    }
    return new ConnectionException("the database refused the connection: "
        + (reason != null ? reason : safeMessage(refusal)) + " (SQLSTATE " + refusal.getSQLState()
        + "); this does not pass by waiting: check the credentials and the database name", refusal.getSQLState(),
        original);
  }

  private ConnectionException poolTimeout(SQLException sql) {
    Throwable cause = sql.getCause();
    if (cause != null) {
      SQLException inner = findSqlException(cause);
      String state = inner == null ? null : inner.getSQLState();
      return new ConnectionException("cannot connect to the database"
          + (state == null ? "" : " (SQLSTATE " + state + ")") + ": " + poolDescription.get(), state, sql);
    }
    return poolExhausted("", sql);
  }

  /**
   * "Connection pool exhausted", with the pool's size and state: for a call that waited the connection
   * timeout for a connection, in HikariCP or in the asynchronous API's queue.
   *
   * @param detail appended to the message (empty, or starting with "; ")
   * @param cause HikariCP's timeout, or null
   */
  public ConnectionException poolExhausted(String detail, Throwable cause) {
    String message = "connection pool exhausted: no connection became free within the connection timeout; "
        + poolDescription.get() + detail;
    exhaustionLog.warn(message);
    return new ConnectionException(message, null, cause);
  }

  /**
   * pgjdbc's messages for connection failures name host and port but never the password; server messages
   * may quote values, so only connection-level messages are used, and only their first line.
   */
  private static String safeMessage(SQLException e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl >= 0 ? m.substring(0, nl) : m;
  }

  private static SQLException findSqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        // Prefer the innermost exception that carries an SQLSTATE (jOOQ and HikariCP wrap the driver's).
        SQLException deeper = c.getCause() == null ? null : findSqlException(c.getCause());
        if (s.getSQLState() == null && deeper != null && deeper.getSQLState() != null
            && !(s instanceof SQLTransientConnectionException)) {
          return deeper;
        }
        return s;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
