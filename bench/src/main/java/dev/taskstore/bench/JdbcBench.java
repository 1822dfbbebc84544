package dev.taskstore.bench;

import dev.taskstore.FoundOrCreated;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskWithUser;
import dev.taskstore.UserRead;
import dev.taskstore.bench.Fixtures.BulkRows;
import dev.taskstore.bench.Fixtures.DeletePool;
import dev.taskstore.bench.Fixtures.Ids;
import dev.taskstore.bench.Fixtures.InFlight;
import dev.taskstore.bench.Fixtures.LargeBulkRows;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The hand-written JDBC baseline ({@link JdbcTasks}). Every method has a twin of the same name in
 * {@link TaskstoreBench}; the report pairs them by name.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcBench {

  /** The baseline's pool, one per trial. */
  @State(Scope.Benchmark)
  public static class Jdbc {
    JdbcTasks tasks;

    @Setup(Level.Trial)
    public void open() {
      tasks = new JdbcTasks(BenchEnv.URL, BenchEnv.POOL_SIZE);
    }

    @TearDown(Level.Trial)
    public void close() {
      tasks.close();
    }
  }

  /** Where this thread's keyset walk is: it starts at a random row and wraps around at the end. */
  @State(Scope.Thread)
  public static class Walk {
    long after;

    @Setup(Level.Trial)
    public void start() {
      after = new SplittableRandom().nextLong(BenchEnv.TASKS - BenchEnv.PAGE_SIZE);
    }
  }

  /** The executor of the asynchronous baseline: one thread per pooled connection. */
  @State(Scope.Benchmark)
  public static class Async {
    ExecutorService executor;

    @Setup(Level.Trial)
    public void start() {
      executor = Executors.newFixedThreadPool(BenchEnv.POOL_SIZE, r -> {
        Thread t = new Thread(r, "jdbc-async");
        t.setDaemon(true);
        return t;
      });
    }

    @TearDown(Level.Trial)
    public void stop() {
      executor.shutdownNow();
    }
  }

  @Benchmark
  public TaskRead insertOne(Jdbc db, Ids ids) throws SQLException {
    return db.tasks.insert(ids.title(), ids.user());
  }

  @Benchmark
  public Optional<TaskRead> getById(Jdbc db, Ids ids) throws SQLException {
    return db.tasks.findById(ids.task());
  }

  @Benchmark
  public FoundOrCreated<UserRead> getOrCreateUser(Jdbc db, Ids ids) throws SQLException {
    return db.tasks.getOrCreateUser(ids.existingEmail());
  }

  @Benchmark
  public Optional<TaskWithUser> joinById(Jdbc db, Ids ids) throws SQLException {
    return db.tasks.findWithUser(ids.task());
  }

  @Benchmark
  public long countCompleted(Jdbc db) throws SQLException {
    return db.tasks.countCompleted();
  }

  @Benchmark
  public TaskRead updateOne(Jdbc db, Ids ids) throws SQLException {
    return db.tasks.updateTitle(ids.task(), ids.title());
  }

  @Benchmark
  public boolean deleteOne(Jdbc db, DeletePool rows) throws SQLException {
    return db.tasks.delete(rows.next());
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> bulkInsertCopy(Jdbc db, BulkRows rows) throws SQLException {
    return db.tasks.insertAllCopy(rows.tasks);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> bulkInsertMultiRow(Jdbc db, BulkRows rows) throws SQLException {
    return db.tasks.insertAllMultiRow(rows.tasks);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> bulkInsertCopy1M(Jdbc db, LargeBulkRows rows) throws SQLException {
    return db.tasks.insertAllCopy(rows.tasks);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> bulkInsertMultiRow1M(Jdbc db, LargeBulkRows rows) throws SQLException {
    return db.tasks.insertAllMultiRow(rows.tasks);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int bulkInsertServerSide(Jdbc db, BulkRows rows) throws SQLException {
    return db.tasks.insertServerSide(BenchEnv.BULK_ROWS);
  }

  @Benchmark
  public JdbcTasks.KeysetPage keysetPage(Jdbc db, Walk walk) throws SQLException {
    JdbcTasks.KeysetPage page = db.tasks.page(walk.after, BenchEnv.PAGE_SIZE);
    walk.after = page.nextAfterId() < 0 ? 0 : page.nextAfterId();
    return page;
  }

  @Benchmark
  public JdbcTasks.SearchPage search(Jdbc db, Ids ids) throws SQLException {
    return db.tasks.search(ids.searchTerms(), BenchEnv.PAGE_SIZE);
  }

  @Benchmark
  @Threads(16)
  public Optional<TaskRead> getById16(Jdbc db, Ids ids) throws SQLException {
    return db.tasks.findById(ids.task());
  }

  /** Plain JDBC made asynchronous the usual way: blocking calls on an executor as large as the pool. */
  @Benchmark
  public void getByIdAsync64(Jdbc db, Async async, InFlight window, Ids ids) throws InterruptedException {
    long started = window.acquire();
    long id = ids.task();
    CompletableFuture.supplyAsync(() -> {
      try {
        return db.tasks.findById(id);
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    }, async.executor).whenComplete((task, error) -> window.done(started, error));
  }

  /** Blocking get-by-id on one thread, every call's time sampled: the latency beside taskstore's async call. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<TaskRead> getByIdSampled(Jdbc db, Ids ids) throws SQLException {
    return db.tasks.findById(ids.task());
  }
}
