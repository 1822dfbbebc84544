package dev.taskstore.internal;

import dev.taskstore.Transaction;
import dev.taskstore.TransactionCallback;
import java.sql.SQLException;

/**
 * Running a callback that is undone when it fails: one way for a whole transaction ({@link TransactionRunner})
 * and for a savepoint ({@link JdbcTransaction#inTransaction}). What the callback threw always comes out
 * unchanged; a failure to undo rides along on it as a suppressed exception. Not public API.
 */
final class Undo {

  /** What undoes the work: a rollback of the transaction, or to a savepoint. */
  @FunctionalInterface
  interface Step {
    void run() throws SQLException;
  }

  private Undo() {}

  /**
   * Runs {@code block} in {@code tx}; when it throws anything, runs {@code undo} (as {@link #after}) and rethrows
   * what the block threw.
   */
  static <T> T onFailure(TransactionCallback<T> block, Transaction tx, Step undo) {
    try {
      return block.run(tx);
    } catch (Throwable e) { // also a checked exception thrown sneakily: rethrown as it is
      after(e, undo);
      throw e;
    }
  }

  /** Runs {@code undo} after {@code failure}; a failure of {@code undo} is added to {@code failure} as suppressed. */
  static void after(Throwable failure, Step undo) {
    try {
      undo.run();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
