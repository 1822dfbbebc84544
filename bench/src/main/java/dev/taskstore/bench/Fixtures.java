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

    /** The email of a random seeded user, in another letter case than stored (get-or-create finds it). */
    String existingEmail() {
      return "USER" + user() + "@example.org";
    }

    /**
     * What a user types to find one seeded task: two of its words ({@code Task number 4711}), one that every
     * task holds and one that only it does, so that the search reads the index for both and ranks one row.
     */
    String searchTerms() {
      return "task " + task();
    }

    /** A new title. */
    String title() {
      return "Benchmark task " + (++counter);
    }
  }

  /**
   * Rows for delete-one to delete: throw-away rows above the seeded ids, prepared {@link BenchEnv#DELETE_CHUNK}
   * at a time in random order, as many chunks as the iteration's calls use up. No iteration length, machine
   * speed or mode can empty it.
   *
   * <p>The first chunk is prepared before each iteration; the next whenever one is used up, by
   * {@link #topUp()}, a {@code Level.Invocation} set-up, so the preparation stays out of the measured time: JMH
   * times each call of a benchmark with invocation-level helpers on its own and scores operations by the sum of
   * those times. That costs two {@code System.nanoTime()} calls per delete (tens of nanoseconds against tens of
   * microseconds), the same for taskstore and the baseline. The alternatives measure something else: refilling
   * inside the measured call puts a 10,000-row INSERT into the score, a background refill competes with the
   * measured thread for the same two cores, and a pool sized in advance for the fastest rate anyone expects is
   * what ran dry before.
   */
  @State(Scope.Thread)
  public static class DeletePool {
    private final String url;
    private final long tasks;
    private final long[] ids;
    private final SplittableRandom random = new SplittableRandom(42);
    private int next;

    public DeletePool() {
      this(BenchEnv.URL, BenchEnv.TASKS, BenchEnv.DELETE_CHUNK);
    }

    /** A pool on the server at {@code url} (seeded tasks 1..{@code tasks}), refilled {@code chunk} rows at a time. */
    DeletePool(String url, long tasks, int chunk) {
      this.url = url;
      this.tasks = tasks;
      this.ids = new long[chunk];
      this.next = chunk;
    }

    /**
     * Before every iteration: the first chunk, before JMH starts the iteration's clock, so that the iteration's
     * first calls do not wait for it.
     */
    @Setup(Level.Iteration)
    public void fill() throws SQLException {
      refill();
    }

    /** Before every call, untimed: prepares the next chunk when this one is used up; otherwise returns at once. */
    @Setup(Level.Invocation)
    public void topUp() throws SQLException {
      if (next == ids.length) {
        refill();
      }
    }

    private void refill() throws SQLException {
      long first;
      try (Connection c = DriverManager.getConnection(url)) {
        first = Dataset.insertScratchRange(c, ids.length);
      }
      // The array is reused and the ids come back as a range, not row by row: refilling allocates no objects
      // per row, which would show in the benchmark's bytes per call.
      for (int i = 0; i < ids.length; i++) {
        ids[i] = first + i;
      }
      for (int i = ids.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        long t = ids[i];
        ids[i] = ids[j];
        ids[j] = t;
      }
      next = 0;
    }

    /** The next row to delete; {@link #fill()} or {@link #topUp()} has made sure there is one. */
    long next() {
      if (next == ids.length) {
        throw new IllegalStateException("the delete pool is empty: topUp() must run before every call");
      }
      return ids[next++];
    }

    /** Rows prepared and not yet handed out. */
    int remaining() {
      return ids.length - next;
    }

    /**
     * After every iteration: checks that exactly the rows not yet handed out are still there, so every call
     * deleted a row that existed, then removes them.
     */
    @TearDown(Level.Iteration)
    public void clear() throws SQLException {
      try (Connection c = DriverManager.getConnection(url)) {
        long left = Dataset.countAbove(c, tasks);
        if (left != remaining()) {
          throw new IllegalStateException("delete-one left " + left + " scratch rows, expected " + remaining()
              + ": some calls deleted no row");
        }
        Dataset.deleteAbove(c, tasks);
      }
      next = ids.length;
    }
  }

  /** The 10,000 tasks of one bulk insert, the same for every system; removed again after each insert. */
  @State(Scope.Thread)
  public static class BulkRows {
    List<TaskBase> tasks;

    @Setup(Level.Trial)
    public void build() {
      tasks = bulkTasks(BenchEnv.BULK_ROWS);
    }

    @TearDown(Level.Iteration)
    public void clear() throws SQLException {
      try (Connection c = DriverManager.getConnection(BenchEnv.URL)) {
        Dataset.deleteAbove(c, BenchEnv.TASKS);
      }
    }
  }

  /**
   * The 1,000,000 tasks of one million-row bulk insert, built once per fork before the first shot (untimed),
   * the same for every system. After every shot the table is restored ({@link Dataset#restore}: the rows
   * deleted, the id sequence reset, VACUUM, CHECKPOINT, checked), untimed too: a million dead rows and their
   * index entries, or a checkpoint of the last shot's pages, would otherwise slow the next shot.
   */
  @State(Scope.Thread)
  public static class LargeBulkRows {
    List<TaskBase> tasks;

    @Setup(Level.Trial)
    public void build() {
      tasks = bulkTasks(BenchEnv.LARGE_BULK_ROWS);
    }

    @TearDown(Level.Iteration)
    public void restore() {
      new Dataset(BenchEnv.URL).restore(BenchEnv.TASKS);
    }
  }

  /**
   * {@code count} tasks to insert in bulk: half with a description, half completed, a quarter without a due
   * date, every one owned by a seeded user.
   */
  static List<TaskBase> bulkTasks(int count) {
    List<TaskBase> tasks = new ArrayList<>(count);
    Priority[] priorities = Priority.values();
    Instant due = Instant.parse("2030-06-01T12:00:00Z");
    for (int i = 0; i < count; i++) {
      tasks.add(new TaskBase("Bulk task " + i,
          i % 2 == 0 ? Optional.of("Imported description " + i) : Optional.empty(),
          priorities[i % 3], i % 2 == 0,
          i % 4 == 0 ? Optional.empty() : Optional.of(due.plusSeconds(i)),
          Optional.of(1 + (long) (i % BenchEnv.USERS))));
    }
    return tasks;
  }

  /**
   * A window of asynchronous calls: {@link #acquire()} blocks while {@link BenchEnv#IN_FLIGHT} calls are
   * running, {@link #done} frees a place and records the call's latency ({@link Latencies}, no allocation). The
   * throughput of starting calls equals, in the steady state, the throughput of completing them.
   */
  @State(Scope.Benchmark)
  public static class InFlight {
    private final Semaphore window = new Semaphore(BenchEnv.IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Waits for a place in the window; returns the call's start time ({@link System#nanoTime()}). */
    long acquire() throws InterruptedException {
      window.acquire();
      Throwable t = failure.get();
      if (t != null) {
        throw new IllegalStateException("an asynchronous call failed", t);
      }
      return System.nanoTime();
    }

    /** A call that started at {@code started} completed. */
    void done(long started, Throwable error) {
      Latencies.record(System.nanoTime() - started);
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
