package dev.taskstore.internal;

import dev.taskstore.IsolationLevel;
import dev.taskstore.RetryableException;
import dev.taskstore.TransactionCallback;
import dev.taskstore.TransactionOptions;
import dev.taskstore.ValidationException;
import dev.taskstore.spi.Checks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a block in a top-level transaction: one connection, commit on return, rollback on any exception
 * (which is rethrown unchanged), and, when asked, the whole block again after a retryable failure. Not
 * public API.
 */
final class TransactionRunner {

  private static final Logger log = LoggerFactory.getLogger(TransactionRunner.class);

  private final Database db;

  /** Runs transactions on connections of {@code db}. */
  public TransactionRunner(Database db) {
    this.db = db;
  }

  /** Runs the block, retrying up to {@code options.retries()} times on {@link RetryableException}. */
  public <T> T run(TransactionOptions options, TransactionCallback<T> block) {
    return run(options, block, db.readFloor());
  }

  /**
   * Runs the block as {@link #run(TransactionOptions, TransactionCallback)} does; a read-only transaction on a
   * replica that has replayed {@code floor} (see {@link Database#withConnection(Op, SqlAccess.JdbcWork, long)}).
   */
  <T> T run(TransactionOptions options, TransactionCallback<T> block, long floor) {
    Checks.required("options", options);
    Checks.required("block", block);
    CallObserver observer = db.observer();
    if (observer == null) {
      return attempts(options, block, floor);
    }
    // The transaction, retries included, is the parent of the calls made in it.
    Object observation = observer.start(Op.TRANSACTION);
    Throwable failure = null;
    try {
      return attempts(options, block, floor);
    } catch (Throwable e) { // also a checked exception thrown sneakily: rethrown as it is
      failure = e;
      throw e;
    } finally {
      observer.stop(observation, failure, null);
    }
  }

  private <T> T attempts(TransactionOptions options, TransactionCallback<T> block, long floor) {
    for (int attempt = 0; ; attempt++) {
      try {
        return once(options, block, floor);
      } catch (RetryableException e) {
        if (attempt >= options.retries()) {
          throw e;
        }
        log.debug("transaction attempt {} failed with SQLSTATE {}; retrying", attempt + 1,
            e.sqlState().orElse("?"));
        backOff(attempt);
      }
    }
  }

  private <T> T once(TransactionOptions options, TransactionCallback<T> block, long floor) {
    Connection c;
    ReplicaSet.Lease replica = db.replicaFor(options, floor);
    try {
      c = replica != null ? replica.connection() : db.connect();
    } catch (SQLException e) {
      throw db.failure(e);
    }
    if (db.inHostTransaction(c)) {
      try {
        return joinHostTransaction(c, options, block);
      } finally {
        release(c);
      }
    }
    try {
      JdbcTransaction tx;
      try {
        begin(c, options);
        tx = new JdbcTransaction(db, c);
      } catch (SQLException e) {
        throw db.failure(e);
      }
      T result;
      try {
        result = Undo.onFailure(block, tx, c::rollback);
      } finally {
        tx.end(); // the callback is over, whether it returned or threw
      }
      try {
        c.commit();
      } catch (SQLException e) {
        RuntimeException translated = db.failure(e);
        Undo.after(translated, c::rollback);
        throw translated;
      }
      if (!options.readOnly()) {
        db.recordWrite(c);
      }
      return result;
    } catch (Throwable e) { // also a checked exception thrown sneakily: rethrown as it is
      if (replica != null) {
        db.replicaFailed(replica, e);
      }
      throw e;
    } finally {
      close(c, options.readOnly());
    }
  }

  /**
   * Inside the application's transaction: the block runs in a savepoint of it, and the application's
   * transaction manager commits or rolls back the rest. Options other than the defaults cannot apply there.
   */
  private <T> T joinHostTransaction(Connection c, TransactionOptions options, TransactionCallback<T> block) {
    if (!TransactionOptions.defaults().equals(options)) {
      throw new ValidationException("options", "inside the application's transaction, taskstore's transaction "
          + "is a savepoint that takes the application's isolation and read-only mode, and cannot retry: "
          + "pass the defaults, or set them on the application's transaction");
    }
    JdbcTransaction tx = new JdbcTransaction(db, c);
    try {
      return tx.inTransaction(options, block);
    } finally {
      tx.end();
    }
  }

  private void release(Connection c) {
    try {
      db.release(c);
    } catch (SQLException e) {
      log.debug("returning a connection failed", e);
    }
  }

  /**
   * Opens the transaction. pgjdbc sends {@code BEGIN} (or {@code BEGIN READ ONLY}) together with the first
   * statement, so a default transaction costs no extra round trip. Another isolation level is set with
   * {@code SET TRANSACTION} as that first statement: one round trip, and it ends with the transaction.
   * ({@code Connection.setTransactionIsolation} would change the session instead: one round trip to set it
   * and another when the pool resets the connection.)
   */
  private static void begin(Connection c, TransactionOptions options) throws SQLException {
    c.setAutoCommit(false);
    if (options.readOnly()) {
      c.setReadOnly(true);
    }
    if (options.isolation() != IsolationLevel.READ_COMMITTED) {
      try (Statement s = c.createStatement()) {
        s.execute(options.isolation() == IsolationLevel.SERIALIZABLE
            ? "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE" : "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      }
    }
  }

  /**
   * Returns the connection in auto-commit mode, and read-write again when {@link #begin} made it read-only, as it
   * was lent: an application's pool may not reset it. Both are free after the commit or rollback (pgjdbc sends nothing when no transaction is open, and
   * read-only is a flag of its own), and HikariCP then finds nothing to reset.
   */
  private void close(Connection c, boolean madeReadOnly) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      log.debug("resetting auto-commit failed", e);
    }
    if (madeReadOnly) { // only what begin() changed: a pool may lend read-only connections on purpose
      try {
        c.setReadOnly(false);
      } catch (SQLException e) {
        log.debug("resetting read-only failed", e);
      }
    }
    release(c);
  }

  /** A short, jittered pause so that the transactions that collided do not collide again at once. */
  private static void backOff(int attempt) {
    long maxMillis = Math.min(100, 5L << Math.min(attempt, 4));
    try {
      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
