package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a fixed number of worker threads to completion within a deadline, and rethrows the first failure of
 * any of them in the test's thread, so that an assertion inside a worker fails the test.
 */
final class Workers {

  /** The work of one thread. */
  @FunctionalInterface
  interface Body {
    /**
     * Does the work.
     *
     * @param worker the thread's number, 0 to count - 1
     * @throws Exception anything; it fails the test
     */
    void run(int worker) throws Exception;
  }

  private Workers() {}

  /** Starts {@code count} threads running {@code body}, waits for all of them, and fails on any failure. */
  static void run(String name, int count, Duration deadline, Body body) {
    try (Running running = start(name, count, body)) {
      running.await(deadline);
    }
  }

  /** Starts {@code count} threads running {@code body}; {@link Running#await} collects them. */
  static Running start(String name, int count, Body body) {
    AtomicInteger seq = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(count, r -> {
      Thread t = new Thread(r, name + "-" + seq.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int worker = i;
      futures.add(executor.submit(() -> {
        body.run(worker);
        return null;
      }));
    }
    executor.shutdown();
    return new Running(name, executor, futures);
  }

  /** Threads started by {@link #start}; closing interrupts any that are still running. */
  static final class Running implements AutoCloseable {
    private final String name;
    private final ExecutorService executor;
    private final List<Future<?>> futures;

    private Running(String name, ExecutorService executor, List<Future<?>> futures) {
      this.name = name;
      this.executor = executor;
      this.futures = futures;
    }

    /** Waits until every thread has ended, at most {@code deadline}, and rethrows the first failure. */
    void await(Duration deadline) {
      try {
        if (!executor.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
          fail(name + " workers did not finish within " + deadline);
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
              throw error;
            }
            throw new AssertionError(name + " worker failed: " + cause, cause);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + name + " workers", e);
      }
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }
}
