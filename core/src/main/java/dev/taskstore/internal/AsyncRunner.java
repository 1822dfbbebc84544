package dev.taskstore.internal;

import dev.taskstore.ConnectionException;
import dev.taskstore.TaskStoreConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs blocking calls on the asynchronous API's executor. The one place that decides how much runs at once:
 * at most {@code maximumPoolSize} calls hold a connection (a {@link Semaphore}, taken on the executor's
 * thread, never the caller's); the others wait for a permit at most {@code connectionTimeout}, and at most
 * {@code asyncQueueCapacity} of them wait. So no call ever queues inside HikariCP, and a flood of calls is
 * refused instead of growing without bound. Not public API.
 */
public final class AsyncRunner {

  private final Executor executor;
  private final ExecutorService ownExecutor;
  private final Semaphore permits;
  private final int maximumPoolSize;
  private final int admitted;
  private final long waitNanos;
  private final ErrorTranslator translator;
  private final Object lock = new Object();
  private int inFlight;
  private boolean closed;

  /** A runner with the configuration's limits, on its executor or a new default one. */
  public AsyncRunner(TaskStoreConfig config, ErrorTranslator translator) {
    this.maximumPoolSize = config.maximumPoolSize();
    this.ownExecutor = config.asyncExecutor().isPresent() ? null
        : AsyncExecutors.create(config.poolName() + "-async-", maximumPoolSize);
    this.executor = config.asyncExecutor().orElse(ownExecutor);
    this.permits = new Semaphore(maximumPoolSize);
    this.admitted = maximumPoolSize + config.asyncQueueCapacity();
    this.waitNanos = config.connectionTimeout().toNanos();
    this.translator = translator;
  }

  /**
   * Starts a blocking call on the executor and returns at once. The future completes with the call's result
   * or with exactly what it threw; it fails with {@link ConnectionException} when the runner is closed, full,
   * or no permit became free within the connection timeout.
   */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    CompletableFuture<T> future = new CompletableFuture<>();
    ConnectionException refused = admit();
    if (refused != null) {
      future.completeExceptionally(refused);
      return future;
    }
    long deadline = System.nanoTime() + waitNanos;
    try {
      executor.execute(() -> run(work, future, deadline));
    } catch (RejectedExecutionException e) {
      finished();
      future.completeExceptionally(new ConnectionException("the asynchronous executor refused the call", null, e));
    }
    return future;
  }

  private ConnectionException admit() {
    synchronized (lock) {
      if (closed) {
        return new ConnectionException("the store is closed", null, null);
      }
      if (inFlight >= admitted) {
        return new ConnectionException("too many asynchronous calls: " + inFlight + " are running or waiting "
            + "(maximumPoolSize=" + maximumPoolSize + " + asyncQueueCapacity=" + (admitted - maximumPoolSize)
            + ")", null, null);
      }
      inFlight++;
      return null;
    }
  }

  private <T> void run(Supplier<T> work, CompletableFuture<T> future, long deadline) {
    T result = null;
    Throwable failure = null;
    try {
      if (future.isDone()) { // cancelled before it started
        return;
      }
      if (!permits.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        failure = translator.poolExhausted("; asynchronous calls running or waiting=" + inFlight(), null);
      } else {
        try {
          result = future.isDone() ? null : work.get();
        } finally {
          permits.release();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new ConnectionException("interrupted while waiting for a connection", null, e);
    } catch (Throwable e) { // whatever the call threw completes the future, so no caller waits forever
      failure = e;
    } finally {
      finished();
    }
    // Completed after the permit is back and the call is counted out: code chained on the future may run on
    // this thread, and must neither hold a connection slot nor delay close().
    if (failure != null) {
      future.completeExceptionally(failure);
    } else {
      future.complete(result);
    }
  }

  private int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  private void finished() {
    synchronized (lock) {
      inFlight--;
      if (inFlight == 0) {
        lock.notifyAll();
      }
    }
  }

  /**
   * Refuses new calls, waits up to {@code timeout} for the calls in flight, and shuts the default executor
   * down (a given one is left alone).
   *
   * @return how many calls were still in flight when the wait ended
   */
  public int close(Duration timeout) {
    int left;
    synchronized (lock) {
      closed = true;
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (inFlight > 0) {
          long nanos = deadline - System.nanoTime();
          if (nanos <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, nanos);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      left = inFlight;
    }
    if (ownExecutor != null) {
      ownExecutor.shutdown();
    }
    return left;
  }
}
