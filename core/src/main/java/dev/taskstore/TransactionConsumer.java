package dev.taskstore;

/** Work that runs in a transaction and returns nothing. */
@FunctionalInterface
public interface TransactionConsumer {

  /**
   * Does the work.
   *
   * @param tx the transaction's repositories
   */
  void accept(Transaction tx);
}
