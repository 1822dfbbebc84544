package dev.taskstore;

/**
 * Work that runs in a transaction and returns a value.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface TransactionCallback<T> {

  /**
   * Does the work.
   *
   * @param tx the transaction's repositories
   * @return the result
   */
  T run(Transaction tx);
}
