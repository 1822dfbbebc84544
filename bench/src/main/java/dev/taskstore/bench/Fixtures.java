package dev.taskstore.bench;

import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** JMH states that taskstore's and the baseline's benchmarks share, so both get exactly the same inputs. */
public final class Fixtures {

  private Fixtures() {}

  /** Per-thread random ids of existing rows, and fresh titles. */
  @State(Scope.Thread)
  public static class Ids {
    private SplittableRandom random;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() {
      random = new SplittableRandom(Thread.currentThread().getId() * 7919L + System.nanoTime());
    }

    /** A random existing task id. */
    long task() {
      return 1 + random.nextLong(BenchEnv.TASKS);
    }

    /** A random existing user id. */
    long user() {
      return 1 + random.nextLong(BenchEnv.USERS);
    }

    /** A new title. */
    String title() {
      return "Benchmark task " + (++counter);
    }
  }

  /**
   * Rows for delete-one to delete: before every iteration, enough throw-away rows for that iteration, in
   * random order; after it, the ones left are removed. Running out fails the run rather than measure
   * deletes of rows that are not there.
   */
  @State(Scope.Thread)
  public static class DeletePool {
    private long[] ids;
    private int next;

    @Setup(Level.Iteration)
    public void fill() throws SQLException {
      // 25,000 deletes per second would be five times what a committed write costs on this kind of machine.
      int count = (int) Math.max(5_000, BenchEnv.ITERATION_MILLIS * 25);
      try (Connection c = DriverManager.getConnection(BenchEnv.URL)) {
        ids = Dataset.insertScratch(c, count);
      }
      SplittableRandom random = new SplittableRandom(count);
      for (int i = ids.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        long t = ids[i];
        ids[i] = ids[j];
        ids[j] = t;
      }
      next = 0;
    }

    /** The next row to delete. */
    long next() {
      if (next == ids.length) {
        throw new IllegalStateException("delete-one used all " + ids.length + " prepared rows in one iteration");
      }
      return ids[next++];
    }

    @TearDown(Level.Iteration)
    public void clear() throws SQLException {
      try (Connection c = DriverManager.getConnection(BenchEnv.URL)) {
        Dataset.deleteAbove(c, BenchEnv.TASKS);
      }
    }
  }

  /** The 10,000 tasks of one bulk insert, the same for every system; removed again after each insert. */
  @State(Scope.Thread)
  public static class BulkRows {
    List<TaskBase> tasks;

    @Setup(Level.Trial)
    public void build() {
      tasks = new ArrayList<>(BenchEnv.BULK_ROWS);
      Priority[] priorities = Priority.values();
      Instant due = Instant.parse("2030-06-01T12:00:00Z");
      for (int i = 0; i < BenchEnv.BULK_ROWS; i++) {
        tasks.add(new TaskBase("Bulk task " + i,
            i % 2 == 0 ? Optional.of("Imported description " + i) : Optional.empty(),
            priorities[i % 3], i % 2 == 0,
            i % 4 == 0 ? Optional.empty() : Optional.of(due.plusSeconds(i)),
            Optional.of(1 + (long) (i % BenchEnv.USERS))));
      }
    }

    @TearDown(Level.Iteration)
    public void clear() throws SQLException {
      try (Connection c = DriverManager.getConnection(BenchEnv.URL)) {
        Dataset.deleteAbove(c, BenchEnv.TASKS);
      }
    }
  }

  /**
   * A window of asynchronous calls: {@link #acquire()} blocks while {@link BenchEnv#IN_FLIGHT} calls are
   * running, {@link #done} frees a place. The throughput of starting calls equals, in the steady state, the
   * throughput of completing them.
   */
  @State(Scope.Benchmark)
  public static class InFlight {
    private final Semaphore window = new Semaphore(BenchEnv.IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    void acquire() throws InterruptedException {
      window.acquire();
      Throwable t = failure.get();
      if (t != null) {
        throw new IllegalStateException("an asynchronous call failed", t);
      }
    }

    void done(Object result, Throwable error) {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
      window.release();
    }

    /** Waits for the calls in flight, so that no iteration's calls end in the next one. */
    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException {
      window.acquire(BenchEnv.IN_FLIGHT);
      window.release(BenchEnv.IN_FLIGHT);
    }
  }
}
