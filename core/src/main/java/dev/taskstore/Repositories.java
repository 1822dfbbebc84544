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
