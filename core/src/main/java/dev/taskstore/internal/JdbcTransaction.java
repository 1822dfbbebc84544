package dev.taskstore.internal;

import dev.taskstore.JdbcCallback;
import dev.taskstore.Transaction;
import dev.taskstore.TransactionCallback;
import dev.taskstore.TransactionMisuseException;
import dev.taskstore.TransactionMisuseException.Misuse;
import dev.taskstore.TransactionOptions;
import dev.taskstore.ValidationException;
import dev.taskstore.spi.Checks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * A transaction on one connection. Repositories run on that connection; nested transactions are
 * savepoints. Usable only while its callback runs, and only on the thread that started it. Not public API.
 */
final class JdbcTransaction implements Transaction, SqlAccess, RepositoriesOf {

  private final Connection connection;
  private final DSLContext dsl;
  private final Database db;
  private final Thread owner = Thread.currentThread();
  private final RepositorySet repositories;
  private boolean open = true;

  JdbcTransaction(Database db, Connection connection) {
    this.connection = connection;
    this.dsl = db.dslOn(connection);
    this.db = db;
    this.repositories = RepositorySet.over(this, db.schemaSql());
  }

  @Override
  public RepositorySet repositories() {
    return repositories;
  }

  @Override
  public <T> T call(Op op, Function<DSLContext, T> work) {
    checkUsable();
    return db.observed(op, () -> work.apply(dsl));
  }

  @Override
  public <T> T atomic(Function<SqlAccess, T> work) {
    checkUsable();
    return work.apply(this);
  }

  @Override
  public <T> T withConnection(Op op, JdbcWork<T> work) {
    checkUsable();
    return db.observed(op, () -> work.run(SqlText.noting(connection)));
  }

  @Override
  public <T> T jdbc(JdbcCallback<T> work) {
    Checks.required("work", work);
    checkUsable();
    boolean[] running = {true};
    Connection guarded = GuardedConnection.over(connection, () -> running[0] && open);
    try {
      return db.observed(Op.JDBC, () -> work.run(guarded));
    } finally {
      running[0] = false;
    }
  }

  @Override
  public <T> T inTransaction(TransactionOptions options, TransactionCallback<T> block) {
    checkUsable();
    if (!TransactionOptions.defaults().equals(options)) {
      throw new ValidationException("options",
          "a nested transaction (savepoint) takes the outer transaction's options; pass the defaults");
    }
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw db.failure(e);
    }
    T result = Undo.onFailure(block, this, () -> connection.rollback(savepoint));
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw db.failure(e);
    }
    return result;
  }

  void end() {
    open = false;
  }

  private void checkUsable() {
    if (!open) {
      throw new TransactionMisuseException(Misuse.AFTER_CALLBACK,
          "the transaction has ended: use it only inside its callback");
    }
    if (Thread.currentThread() != owner) {
      throw new TransactionMisuseException(Misuse.OTHER_THREAD, "the transaction belongs to thread "
          + owner.getName() + ": a connection cannot be shared between threads");
    }
  }
}
