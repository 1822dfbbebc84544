package dev.taskstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.FoundOrCreated;
import dev.taskstore.Page;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskSort;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TaskWithUser;
import dev.taskstore.UserRead;
import dev.taskstore.bench.Fixtures.BulkRows;
import dev.taskstore.bench.Fixtures.DeletePool;
import dev.taskstore.bench.Fixtures.Ids;
import dev.taskstore.bench.Fixtures.InFlight;
import dev.taskstore.bench.Fixtures.LargeBulkRows;
import dev.taskstore.spring.autoconfigure.SpringConnectionSource;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
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
 * taskstore's blocking API (and, for get-by-id, its asynchronous one), called the way an application calls it (building its {@link TaskBase},
 * {@link TaskUpdate} and {@link TaskQuery} inside the measured call). Every method has a twin of the same name
 * in {@link JdbcBench}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TaskstoreBench {

  private static final TaskFilter COMPLETED = TaskFilter.completed(true);

  /** The store, with the same pool size as the baseline. */
  @State(Scope.Benchmark)
  public static class Store {
    TaskStore store;

    @Setup(Level.Trial)
    public void open() {
      store = TaskStore.open(TaskStoreConfig.builder()
          .url(BenchEnv.URL)
          .minimumIdle(BenchEnv.POOL_SIZE)
          .maximumPoolSize(BenchEnv.POOL_SIZE)
          .build());
    }

    @TearDown(Level.Trial)
    public void close() {
      store.close();
    }
  }

  /**
   * The same store with its instrumentation on: every call an Observation in a registry with one handler (which
   * does nothing, so that the figure is taskstore's and Micrometer's cost, not an exporter's).
   */
  @State(Scope.Benchmark)
  public static class ObservedStore {
    TaskStore store;

    @Setup(Level.Trial)
    public void open() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new ObservationHandler<>() {
        @Override
        public boolean supportsContext(Observation.Context context) {
          return true;
        }
      });
      store = TaskStore.open(TaskStoreConfig.builder()
          .url(BenchEnv.URL)
          .minimumIdle(BenchEnv.POOL_SIZE)
          .maximumPoolSize(BenchEnv.POOL_SIZE)
          .observationRegistry(registry)
          .build());
    }

    @TearDown(Level.Trial)
    public void close() {
      store.close();
    }
  }

  /**
   * The store as the Spring Boot starter builds it: over the application's HikariCP pool through Spring's
   * {@code DataSourceUtils}, outside any Spring transaction (each call its own unit of work).
   */
  @State(Scope.Benchmark)
  public static class SpringStore {
    HikariDataSource pool;
    TaskStore store;

    @Setup(Level.Trial)
    public void open() {
      HikariConfig h = new HikariConfig();
      h.setJdbcUrl(BenchEnv.URL);
      h.setMinimumIdle(BenchEnv.POOL_SIZE);
      h.setMaximumPoolSize(BenchEnv.POOL_SIZE);
      pool = new HikariDataSource(h);
      store = TaskStore.open(TaskStoreConfig.builder().connectionSource(new SpringConnectionSource(pool)).build());
    }

    @TearDown(Level.Trial)
    public void close() {
      store.close();
      pool.close();
    }
  }

  /**
   * Where this thread's keyset walk is: it starts at a random row (reached with an offset, the only way the
   * public API gives a cursor for an arbitrary row) and wraps around at the end.
   */
  @State(Scope.Thread)
  public static class Walk {
    String cursor;

    @Setup(Level.Trial)
    public void start(Store s) {
      long offset = Math.min(TaskQuery.MAX_OFFSET,
          new SplittableRandom().nextLong(BenchEnv.TASKS - BenchEnv.PAGE_SIZE));
      cursor = s.store.tasks().list(TaskQuery.builder().limit(BenchEnv.PAGE_SIZE).offset(offset).build())
          .nextCursor().orElse(null);
    }
  }

  @Benchmark
  public TaskRead insertOne(Store s, Ids ids) {
    return s.store.tasks().create(TaskBase.builder(ids.title()).userId(ids.user()).build());
  }

  @Benchmark
  public Optional<TaskRead> getById(Store s, Ids ids) {
    return s.store.tasks().findById(ids.task());
  }

  @Benchmark
  public Optional<TaskWithUser> joinById(Store s, Ids ids) {
    return s.store.tasks().findWithUser(ids.task());
  }

  @Benchmark
  public long countCompleted(Store s) {
    return s.store.tasks().count(COMPLETED);
  }

  @Benchmark
  public TaskRead updateOne(Store s, Ids ids) {
    return s.store.tasks().update(ids.task(), TaskUpdate.builder().title(ids.title()).build());
  }

  @Benchmark
  public FoundOrCreated<UserRead> getOrCreateUser(Store s, Ids ids) {
    return s.store.users().getOrCreate(ids.existingEmail());
  }

  @Benchmark
  public Optional<TaskRead> getByIdObserved(ObservedStore s, Ids ids) {
    return s.store.tasks().findById(ids.task());
  }

  @Benchmark
  public Optional<TaskRead> getByIdSpring(SpringStore s, Ids ids) {
    return s.store.tasks().findById(ids.task());
  }

  @Benchmark
  public boolean deleteOne(Store s, DeletePool rows) {
    return s.store.tasks().delete(rows.next());
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> bulkInsert(Store s, BulkRows rows) {
    return s.store.tasks().createAll(rows.tasks);
  }

  /** One {@code createAll} of 1,000,000 tasks: one call, all or nothing, the ids back in input order. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> bulkInsert1M(Store s, LargeBulkRows rows) {
    return s.store.tasks().createAll(rows.tasks);
  }

  @Benchmark
  public Page<TaskRead> search(Store s, Ids ids) {
    return s.store.tasks().list(TaskQuery.builder().filter(TaskFilter.search(ids.searchTerms()))
        .sort(TaskSort.RELEVANCE).limit(BenchEnv.PAGE_SIZE).build());
  }

  @Benchmark
  public Page<TaskRead> keysetPage(Store s, Walk walk) {
    Page<TaskRead> page = s.store.tasks().list(TaskQuery.builder().limit(BenchEnv.PAGE_SIZE).after(walk.cursor).build());
    walk.cursor = page.nextCursor().orElse(null);
    return page;
  }

  @Benchmark
  @Threads(16)
  public Optional<TaskRead> getById16(Store s, Ids ids) {
    return s.store.tasks().findById(ids.task());
  }

  /** The asynchronous API with its default executor, {@link BenchEnv#IN_FLIGHT} calls in flight. */
  @Benchmark
  public void getByIdAsync64(Store s, InFlight window, Ids ids) throws InterruptedException {
    long started = window.acquire();
    s.store.async().tasks().findById(ids.task()).whenComplete((task, error) -> window.done(started, error));
  }

  /**
   * The asynchronous API with one call in flight: JMH samples each call's time from start to completion, for
   * the latency that batching must not add at low load.
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<TaskRead> getByIdAsync1(Store s, Ids ids) {
    return s.store.async().tasks().findById(ids.task()).join();
  }
}
