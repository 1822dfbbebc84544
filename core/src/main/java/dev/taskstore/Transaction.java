package dev.taskstore;

/**
 * A database transaction in progress, handed to a {@link TransactionCallback}. Its repositories run every
 * call on the transaction's connection. Valid only inside the callback, on the callback's thread: any call
 * after the callback ended, or from another thread, throws {@link TransactionMisuseException} and runs nothing.
 */
public interface Transaction extends Repositories {}
