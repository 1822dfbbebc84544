package dev.taskstore.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.taskstore.ConnectionException;
import dev.taskstore.NotFoundException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TestDatabase;
import dev.taskstore.TestSql;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.UserRead;
import dev.taskstore.ValidationException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncTaskStoreTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private TaskStore store;

  @BeforeEach
  void emptyTables() {
    TestDatabase.truncate();
    store = TestDatabase.store();
  }

  @Test
  void asyncCallsDoWhatTheBlockingOnesDo() {
    AsyncTaskStore async = store.async();
    UserRead ann = async.users().create("ann@example.org").join();
    TaskRead task = async.tasks().create(TaskBase.builder("Write report").userId(ann.id()).build()).join();
    assertThat(async.tasks().get(task.id()).join()).isEqualTo(store.tasks().get(task.id()));
    assertThat(async.tasks().count(TaskFilter.all()).join()).isEqualTo(1);
    long teamId = async.teams().create("core").join().id();
    assertThat(async.teams().addMember(teamId, ann.id()).join()).isTrue();
    assertThat(async.teams().members(teamId).join()).containsExactly(ann);
    assertThat(async.inTransaction(tx -> tx.tasks().count(TaskFilter.all()) + tx.users().get(ann.id()).id())
        .join()).isEqualTo(1 + ann.id());
    async.useTransaction(tx -> tx.tasks().delete(task.id())).join();
    assertThat(store.tasks().findById(task.id())).isEmpty();
  }

  @Test
  void failuresCompleteTheFutureWithTheTranslatedException() {
    CompletableFuture<TaskRead> missing = store.async().tasks().get(404);
    assertThat(missing).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(NotFoundException.class);
    assertThatThrownBy(missing::join).isInstanceOf(CompletionException.class)
        .satisfies(e -> assertThat(AsyncTaskStore.unwrap(e)).isInstanceOf(NotFoundException.class));
    // The future itself holds the exception unwrapped: a handler on it sees NotFoundException directly.
    assertThat(missing.handle((ok, e) -> e).join()).isInstanceOf(NotFoundException.class);
    // A later stage sees it wrapped once, which unwrap() removes.
    assertThat(missing.thenApply(TaskRead::title).handle((ok, e) -> AsyncTaskStore.unwrap(e)).join())
        .isInstanceOf(NotFoundException.class);

    store.users().create("ann@example.org");
    assertThat(AsyncTaskStore.unwrap(store.async().users().create("ANN@example.org")
        .handle((ok, e) -> e).join())).isInstanceOf(UniqueViolationException.class);
    // Invalid arguments fail the future too, rather than being thrown at the caller.
    assertThat(store.async().users().create("no at sign").handle((ok, e) -> e).join())
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void fiftySlowCallsRunConcurrently() {
    try (TaskStore wide = TaskStore.open(TestDatabase.config().minimumIdle(50).maximumPoolSize(50)
        .poolName("async-wide").build())) {
      TestSql.await("50 idle connections", WAIT, () -> wide.poolStats().idle() == 50);
      long start = System.nanoTime();
      List<CompletableFuture<Void>> sleeps = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sleeps.add(wide.async().inTransaction(tx -> TestSql.sleep(tx, 0.2)));
      }
      long submitMillis = TestSql.millisSince(start);
      CompletableFuture.allOf(sleeps.toArray(CompletableFuture[]::new)).join();
      long millis = TestSql.millisSince(start);
      System.out.printf("[measured] 50 concurrent pg_sleep(0.2) async calls: %d ms (50 x 0.2 s in series = "
          + "10000 ms); submitting them took %d ms%n", millis, submitMillis);
      assertThat(millis).isLessThan(5_000);
    }
  }

  @Test
  void noMoreCallsUseConnectionsAtOnceThanThePoolHasAndNoneQueuesInsideHikari() {
    AtomicLong longestAcquireNanos = new AtomicLong();
    MetricsTrackerFactory metrics = (poolName, poolStats) -> new IMetricsTracker() {
      @Override
      public void recordConnectionAcquiredNanos(long nanos) {
        longestAcquireNanos.accumulateAndGet(nanos, Math::max);
      }
    };
    try (TaskStore narrow = TaskStore.open(TestDatabase.config().minimumIdle(4).maximumPoolSize(4)
        .metricsTrackerFactory(metrics).poolName("async-narrow").build())) {
      TestSql.await("4 idle connections", WAIT, () -> narrow.poolStats().idle() == 4);
      AtomicInteger running = new AtomicInteger();
      AtomicInteger peak = new AtomicInteger();
      List<CompletableFuture<Void>> calls = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 24; i++) {
        calls.add(narrow.async().inTransaction(tx -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          TestSql.sleep(tx, 0.2);
          running.decrementAndGet();
          return null;
        }));
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
      long millis = TestSql.millisSince(start);
      System.out.printf("[measured] 24 async pg_sleep(0.2) calls on a pool of 4: %d ms (6 rounds = 1200 ms); "
          + "longest wait inside HikariCP %d ms%n", millis, longestAcquireNanos.get() / 1_000_000);
      assertThat(peak.get()).isEqualTo(4);
      assertThat(millis).isGreaterThanOrEqualTo(1_200);
      // A call queued inside HikariCP would wait there for a whole 200 ms sleep to end.
      assertThat(longestAcquireNanos.get()).as("longest connection acquisition, ns").isLessThan(100_000_000L);
    }
  }

  @Test
  void submittingNeverBlocksTheCallerAndTheQueueIsBounded() throws Exception {
    try (TaskStore one = TaskStore.open(TestDatabase.config().minimumIdle(1).maximumPoolSize(1)
        .asyncQueueCapacity(20).poolName("async-one").build())) {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Integer> holder = holdAConnectionUntil(one, release);
      long start = System.nanoTime();
      List<CompletableFuture<Long>> queued = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        queued.add(one.async().tasks().count(TaskFilter.all()));
      }
      CompletableFuture<Long> refused = one.async().tasks().count(TaskFilter.all());
      assertThat(TestSql.millisSince(start)).as("21 submissions while the pool is busy").isLessThan(1_000);
      assertThat(refused).isCompletedExceptionally();
      assertThat(refused.handle((ok, e) -> e).join()).isInstanceOf(ConnectionException.class)
          .hasMessageContaining("too many asynchronous calls").hasMessageContaining("asyncQueueCapacity=20");
      release.countDown();
      assertThat(holder.join()).isEqualTo(1);
      for (CompletableFuture<Long> f : queued) {
        assertThat(f.join()).isZero();
      }
    }
  }

  @Test
  void aCallThatWaitsLongerThanTheConnectionTimeoutFailsWithPoolExhausted() throws Exception {
    try (TaskStore one = TaskStore.open(TestDatabase.config().minimumIdle(1).maximumPoolSize(1)
        .connectionTimeout(Duration.ofMillis(500)).poolName("async-exhausted").build())) {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Integer> holder = holdAConnectionUntil(one, release);
      long start = System.nanoTime();
      Throwable failure = one.async().tasks().count(TaskFilter.all()).handle((ok, e) -> e).join();
      long waited = TestSql.millisSince(start);
      release.countDown();
      holder.join();
      assertThat(failure).isInstanceOf(ConnectionException.class)
          .hasMessageContaining("connection pool exhausted").hasMessageContaining("maximumPoolSize=1");
      assertThat(waited).isBetween(400L, 1_500L);
    }
  }

  @Test
  void closeWaitsForCallsInFlightAndThenRefusesNewOnes() {
    TaskStore closing = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(4)
        .poolName("async-close").build());
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      inFlight.add(closing.async().inTransaction(tx -> TestSql.sleep(tx, 0.3)));
    }
    closing.close();
    for (CompletableFuture<Void> f : inFlight) {
      assertThat(f).isCompleted().isNotCompletedExceptionally();
    }
    assertThat(closing.async().tasks().count(TaskFilter.all()).handle((ok, e) -> e).join())
        .isInstanceOf(ConnectionException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> closing.tasks().count(TaskFilter.all())).isInstanceOf(ConnectionException.class);
  }

  @Test
  void closeGivesUpWaitingAfterTheShutdownTimeout() {
    TaskStore closing = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(2)
        .shutdownTimeout(Duration.ofMillis(200)).poolName("async-close-timeout").build());
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Void> slow = closing.async().inTransaction(tx -> {
      started.countDown();
      return TestSql.sleep(tx, 5);
    });
    TestSql.await(started);
    long start = System.nanoTime();
    closing.close();
    assertThat(TestSql.millisSince(start)).isLessThan(4_000);
    assertThat(slow).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(ConnectionException.class);
  }

  @Test
  void theDefaultExecutorUsesVirtualThreadsWhenTheJvmHasThem() throws Throwable {
    AtomicReference<Thread> ran = new AtomicReference<>();
    store.async().inTransaction(tx -> {
      ran.set(Thread.currentThread());
      return null;
    }).join();
    assertThat(ran.get()).isNotSameAs(Thread.currentThread());
    if (Runtime.version().feature() >= 21) {
      boolean virtual = (boolean) MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class)).invoke(ran.get());
      assertThat(virtual).as("virtual thread on Java " + Runtime.version().feature()).isTrue();
    } else {
      assertThat(ran.get().getName()).startsWith(store.config().poolName() + "-async-");
    }
  }

  @Test
  void aGivenExecutorRunsTheCallsAndIsNotShutDownByClose() {
    ExecutorService mine = Executors.newFixedThreadPool(2, r -> new Thread(r, "mine"));
    try {
      TaskStore withMine = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(2)
          .asyncExecutor(mine).poolName("async-given").build());
      AtomicReference<String> thread = new AtomicReference<>();
      withMine.async().inTransaction(tx -> {
        thread.set(Thread.currentThread().getName());
        return null;
      }).join();
      withMine.close();
      assertThat(thread.get()).isEqualTo("mine");
      assertThat(mine.isShutdown()).isFalse();
    } finally {
      mine.shutdown();
    }
  }

  /** An asynchronous transaction that holds its connection until {@code release}, started when this returns. */
  private static CompletableFuture<Integer> holdAConnectionUntil(TaskStore store, CountDownLatch release) {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Integer> holder = store.async().inTransaction(tx -> {
      started.countDown();
      TestSql.await(release);
      return 1;
    });
    TestSql.await(started);
    return holder;
  }
}
