package dev.taskstore;

/**
 * The repositories, and transactions over them. Implemented by {@link TaskStore} (each call its own unit of
 * work) and by {@link Transaction} (every call in one database transaction).
 */
public interface Repositories {

  /**
   * Tasks.
   *
   * @return the task repository
   */
  TaskRepository tasks();

  /**
   * Users.
   *
   * @return the user repository
   */
  UserRepository users();

  /**
   * Teams and memberships.
   *
   * @return the team repository
   */
  TeamRepository teams();

  /**
   * Runs the application's own JDBC on the connection of this unit of work: inside a {@link Transaction}, on
   * the transaction's connection, so that the application's rows commit or roll back with taskstore's; on a
   * {@link TaskStore}, in a transaction of its own with default options, committed when the callback returns.
   *
   * <p>Allowed on the connection: statements of any kind, and savepoints ({@code setSavepoint},
   * {@code rollback(Savepoint)}, {@code releaseSavepoint}). Refused with {@link IllegalStateException}, because
   * taskstore owns the unit of work: {@code close}, {@code commit}, {@code rollback()}, {@code abort} and
   * changing auto-commit, read-only, the isolation level, the catalog, the schema, client info or the type map.
   * Statements, result sets and metadata lead back ({@code getConnection()}) only to the guarded connection;
   * {@code unwrap} gives the driver's interfaces, such as pgjdbc's {@code PGConnection}, never the raw
   * connection. Close the statements and result sets you open. A failed statement aborts the whole transaction, as any failure in it does; to go on after one,
   * run it in a nested {@link #inTransaction(TransactionCallback)}.
   *
   * <pre>{@code
   * store.inTransaction(tx -> {
   *   TaskRead task = tx.tasks().create(TaskBase.builder("Ship it").build());
   *   return tx.jdbc(c -> {
   *     try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (task_id) VALUES (?)")) {
   *       ps.setLong(1, task.id());
   *       return ps.executeUpdate();
   *     }
   *   });
   * });
   * }</pre>
   *
   * @param work the JDBC work; its return value is returned
   * @param <T> the result type
   * @return what the work returned
   * @throws TaskStoreException an {@link java.sql.SQLException} of the work, translated like taskstore's own
   *     (a unique violation on the application's table is a {@link UniqueViolationException} with its
   *     constraint name); other exceptions of the work pass through unchanged
   * @throws IllegalStateException when the work tries to end or reconfigure the unit of work
   * @throws ValidationException when {@code work} is null
   */
  <T> T jdbc(JdbcCallback<T> work);

  /**
   * Runs a block in a transaction with default options (read committed, read-write, no retry). Inside a
   * {@link Transaction} this opens a nested transaction: a savepoint that is released on return and rolled
   * back to when the block throws, leaving the outer transaction's work in place.
   *
   * @param block the work; its return value is returned
   * @param <T> the result type
   * @return what the block returned, after commit
   * @throws TaskStoreException whatever the block or the commit threw, unchanged, after rollback
   */
  default <T> T inTransaction(TransactionCallback<T> block) {
    return inTransaction(TransactionOptions.defaults(), block);
  }

  /**
   * Runs a block in a transaction with the given options.
   *
   * @param options isolation, read-only and retries; inside a {@link Transaction} only the defaults are
   *     accepted (a savepoint cannot change them)
   * @param block the work
   * @param <T> the result type
   * @return what the block returned, after commit
   * @throws TaskStoreException whatever the block or the commit threw, unchanged, after rollback
   */
  <T> T inTransaction(TransactionOptions options, TransactionCallback<T> block);

  /**
   * Runs a block that returns nothing in a transaction with default options.
   *
   * @param block the work
   */
  default void useTransaction(TransactionConsumer block) {
    inTransaction(TransactionOptions.defaults(), tx -> {
      block.accept(tx);
      return null;
    });
  }
}
