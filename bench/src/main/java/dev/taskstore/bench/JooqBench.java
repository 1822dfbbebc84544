package dev.taskstore.bench;

import dev.taskstore.bench.Fixtures.BulkRows;
import dev.taskstore.bench.Fixtures.DeletePool;
import dev.taskstore.bench.Fixtures.Ids;
import dev.taskstore.internal.jooq.tables.records.TaskRecord;
import org.jooq.Record;
import org.jooq.Result;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * A peer, the jOOQ DSL ({@link JooqTasks}): the same operations as {@link TaskstoreBench} and {@link JdbcBench}, with the same inputs,
 * under the names of {@link Operation#peer()}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JooqBench {

  /** The peer's pool, one per trial. */
  @State(Scope.Benchmark)
  public static class Peer {
    JooqTasks tasks;

    @Setup(Level.Trial)
    public void open() {
      tasks = new JooqTasks(BenchEnv.URL, BenchEnv.POOL_SIZE);
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

  @Benchmark
  public TaskRecord insertOne(Peer db, Ids ids) {
    return db.tasks.insert(ids.title(), ids.user());
  }

  @Benchmark
  public Optional<TaskRecord> getById(Peer db, Ids ids) {
    return db.tasks.findById(ids.task());
  }

  @Benchmark
  public Optional<Record> joinById(Peer db, Ids ids) {
    return db.tasks.findWithUser(ids.task());
  }

  @Benchmark
  public long countCompleted(Peer db) {
    return db.tasks.countCompleted();
  }

  @Benchmark
  public TaskRecord updateOne(Peer db, Ids ids) {
    return db.tasks.updateTitle(ids.task(), ids.title());
  }

  @Benchmark
  public boolean deleteOne(Peer db, DeletePool rows) {
    return db.tasks.delete(rows.next());
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> bulkInsert(Peer db, BulkRows rows) {
    return db.tasks.insertAll(rows.tasks);
  }

  @Benchmark
  public Result<TaskRecord> keysetPage(Peer db, Walk walk) {
    Result<TaskRecord> page = db.tasks.page(walk.after, BenchEnv.PAGE_SIZE);
    walk.after = page.size() < BenchEnv.PAGE_SIZE ? 0 : page.get(page.size() - 1).getId();
    return page;
  }

  @Benchmark
  @Threads(16)
  public Optional<TaskRecord> getById16(Peer db, Ids ids) {
    return db.tasks.findById(ids.task());
  }
}
