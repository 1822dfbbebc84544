package dev.taskstore.async;

import dev.taskstore.ConnectionException;
import dev.taskstore.TaskStoreException;
import dev.taskstore.TransactionCallback;
import dev.taskstore.TransactionConsumer;
import dev.taskstore.TransactionOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The asynchronous face of a {@link dev.taskstore.TaskStore}: the same repositories and transactions, each
 * call returning a {@link CompletableFuture} that completes on the store's executor. See the
 * {@linkplain dev.taskstore.async package documentation} for threads, limits and exceptions.
 *
 * <pre>{@code
 * AsyncTaskStore async = store.async();
 * CompletableFuture<TaskRead> task = async.users().create("ann@example.org")
 *     .thenCompose(ann -> async.tasks().create(TaskBase.builder("Write report").userId(ann.id()).build()));
 * }</pre>
 *
 * <p>Every future may complete exceptionally with {@link ConnectionException}: besides the database's
 * reasons, when the store is closed, when no connection became free within {@code connectionTimeout}
 * ("connection pool exhausted"), or when {@code asyncQueueCapacity} calls are already waiting.
 * Cancelling a future before its call starts skips the call; a statement already running is not stopped.
 */
public interface AsyncTaskStore {

  /**
   * Tasks.
   *
   * @return the asynchronous task repository
   */
  AsyncTaskRepository tasks();

  /**
   * Users.
   *
   * @return the asynchronous user repository
   */
  AsyncUserRepository users();

  /**
   * Teams and memberships.
   *
   * @return the asynchronous team repository
   */
  AsyncTeamRepository teams();

  /**
   * Runs a blocking block in a transaction with default options, on the executor; see
   * {@link dev.taskstore.Repositories#inTransaction(TransactionCallback)}.
   *
   * @param block the work; it runs on one executor thread and must not wait for other asynchronous calls
   *     (it holds a connection while they wait for one)
   * @param <T> the result type
   * @return what the block returned, after commit
   */
  default <T> CompletableFuture<T> inTransaction(TransactionCallback<T> block) {
    return inTransaction(TransactionOptions.defaults(), block);
  }

  /**
   * Runs a blocking block in a transaction with the given options, on the executor; see
   * {@link dev.taskstore.Repositories#inTransaction(TransactionOptions, TransactionCallback)}. The future
   * completes exceptionally with whatever the block or the commit threw, unchanged, after rollback.
   *
   * @param options isolation, read-only and retries
   * @param block the work, as for {@link #inTransaction(TransactionCallback)}
   * @param <T> the result type
   * @return what the block returned, after commit
   */
  <T> CompletableFuture<T> inTransaction(TransactionOptions options, TransactionCallback<T> block);

  /**
   * Runs a blocking block that returns nothing in a transaction with default options, on the executor.
   *
   * @param block the work
   * @return completes after commit
   */
  default CompletableFuture<Void> useTransaction(TransactionConsumer block) {
    return inTransaction(TransactionOptions.defaults(), tx -> {
      block.accept(tx);
      return null;
    });
  }

  /**
   * The exception a failed future holds: {@link CompletionException} (from {@code join()} and from stages
   * after the first) and {@link ExecutionException} (from {@code get()}) are unwrapped, so that a handler
   * sees the {@link TaskStoreException} the blocking call would have thrown.
   *
   * @param failure what a future's handler or {@code join()} / {@code get()} gave
   * @return the innermost exception that is not one of the two wrappers
   */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
