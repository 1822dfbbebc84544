/**
 * The asynchronous API: the same operations as the blocking repositories, returning
 * {@link java.util.concurrent.CompletableFuture}. Obtained from {@link dev.taskstore.TaskStore#async()}.
 *
 * <p>Each call runs the blocking operation on the store's executor (virtual threads on Java 21 and later,
 * otherwise {@code asyncConcurrency} platform threads, or the executor given to
 * {@link dev.taskstore.TaskStoreConfig.Builder#asyncExecutor}). The caller's thread never blocks. At most
 * {@code asyncConcurrency} calls use connections at once; the next ones wait, each at most
 * {@code connectionTimeout}, and at most {@code asyncQueueCapacity} of them. Futures complete on the
 * executor's threads, except that a call which waited out {@code connectionTimeout} fails from the JDK's
 * default asynchronous pool (as {@link java.util.concurrent.CompletableFuture#orTimeout} does), because all of
 * the executor's threads may be busy.
 *
 * <p>A future completes exceptionally with exactly the {@link dev.taskstore.TaskStoreException} the blocking
 * call would have thrown. {@code future.join()} wraps it in a {@link java.util.concurrent.CompletionException}
 * and {@code future.get()} in an {@link java.util.concurrent.ExecutionException}, as the JDK does for every
 * future; {@link dev.taskstore.async.AsyncTaskStore#unwrap(Throwable)} returns the exception inside:
 *
 * <pre>{@code
 * store.async().tasks().get(id)
 *     .thenApply(TaskRead::title)
 *     .exceptionally(e -> {
 *       if (AsyncTaskStore.unwrap(e) instanceof NotFoundException) {
 *         return "(no such task)";
 *       }
 *       throw new CompletionException(AsyncTaskStore.unwrap(e));
 *     });
 * }</pre>
 */
package dev.taskstore.async;
