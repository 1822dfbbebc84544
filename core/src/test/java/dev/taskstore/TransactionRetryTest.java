package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real serialization failures (40001) and deadlocks (40P01) between concurrent transactions surface as
 * {@link RetryableException}, and {@link TransactionOptions#retries()} runs the whole block again.
 */
class TransactionRetryTest extends DatabaseTest {

  private ExecutorService threads;

  @BeforeEach
  void twoThreads() {
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Runs on another thread, in another transaction, and waits until it has committed. */
  private void concurrently(Runnable work) {
    try {
      threads.submit(work).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Another serializable transaction that changes the task's title and commits. */
  private void concurrentRename(long taskId, String title) {
    concurrently(() -> store.inTransaction(TransactionOptions.serializable(),
        tx -> tx.tasks().update(taskId, TaskUpdate.builder().title(title).build())));
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSerializationFailureIsRetriedAndTheBlockRunsAgainInAFreshTransaction() {
    TaskRead task = store.tasks().create(TaskBase.of("v0"));
    AtomicInteger runs = new AtomicInteger();
    String result = store.inTransaction(TransactionOptions.serializable().withRetries(3), tx -> {
      int run = runs.incrementAndGet();
      tx.tasks().create(TaskBase.of("side effect of run " + run));
      TaskRead seen = tx.tasks().get(task.id());
      if (run == 1) {
        concurrentRename(task.id(), "theirs");
      }
      return tx.tasks().update(task.id(), TaskUpdate.builder().title(seen.title() + "+mine").build()).title();
    });
    assertThat(runs).hasValue(2);
    assertThat(result).isEqualTo("theirs+mine");
    assertThat(store.tasks().get(task.id()).title()).isEqualTo("theirs+mine");
    // The failed run's writes were rolled back with it.
    assertThat(store.tasks().count(TaskFilter.builder().titleContains("side effect").build())).isEqualTo(1);
    assertThat(store.tasks().count(TaskFilter.builder().titleContains("side effect of run 2").build())).isEqualTo(1);
  }

  @Test
  void withoutRetriesASerializationFailureSurfacesAsRetryable() {
    TaskRead task = store.tasks().create(TaskBase.of("v0"));
    AtomicInteger runs = new AtomicInteger();
    RetryableException e = catchThrowableOfType(RetryableException.class,
        () -> store.inTransaction(TransactionOptions.serializable(), tx -> {
          runs.incrementAndGet();
          tx.tasks().get(task.id());
          concurrentRename(task.id(), "theirs");
          return tx.tasks().update(task.id(), TaskUpdate.builder().title("mine").build());
        }));
    assertThat(runs).hasValue(1);
    assertThat(e.sqlState()).contains("40001");
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.getMessage()).doesNotContain("mine", "theirs");
    assertThat(store.tasks().get(task.id()).title()).isEqualTo("theirs");
  }

  @Test
  void whenEveryRunFailsTheBlockRunsOnceMoreThanTheRetriesThenFails() {
    TaskRead task = store.tasks().create(TaskBase.of("v0"));
    AtomicInteger runs = new AtomicInteger();
    RetryableException e = catchThrowableOfType(RetryableException.class,
        () -> store.inTransaction(TransactionOptions.serializable().withRetries(2), tx -> {
          int run = runs.incrementAndGet();
          tx.tasks().get(task.id());
          concurrentRename(task.id(), "theirs " + run);
          return tx.tasks().update(task.id(), TaskUpdate.builder().title("mine").build());
        }));
    assertThat(e.sqlState()).contains("40001");
    assertThat(runs).hasValue(3);
    assertThat(store.tasks().get(task.id()).title()).isEqualTo("theirs 3");
  }

  @Test
  void anErrorThatIsNotRetryableIsNotRetried() {
    store.users().create("ann@example.org");
    AtomicInteger runs = new AtomicInteger();
    catchThrowableOfType(UniqueViolationException.class,
        () -> store.inTransaction(TransactionOptions.serializable().withRetries(5), tx -> {
          runs.incrementAndGet();
          return tx.users().create("ANN@example.org");
        }));
    assertThat(runs).hasValue(1);
  }

  /** What each transaction ended with: its result, or the exception it failed with. */
  private static List<Object> outcomes(List<Future<Object>> futures) throws InterruptedException {
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> f : futures) {
      try {
        outcomes.add(f.get(20, TimeUnit.SECONDS));
      } catch (ExecutionException e) {
        outcomes.add(e.getCause());
      } catch (TimeoutException e) {
        throw new AssertionError(e);
      }
    }
    return outcomes;
  }

  /** Two serializable transactions each count the done tasks, then each adds one: a write skew. */
  private List<Object> writeSkew(int retries, AtomicInteger runs) throws InterruptedException {
    CyclicBarrier bothHaveRead = new CyclicBarrier(2);
    Supplier<Object> work = () -> store.inTransaction(TransactionOptions.serializable().withRetries(retries),
        tx -> {
          boolean first = runs.incrementAndGet() <= 2;
          long done = tx.tasks().count(TaskFilter.completed(true));
          if (first) {
            await(bothHaveRead);
          }
          tx.tasks().create(TaskBase.builder("seen " + done).completed(true).build());
          return done;
        });
    List<Future<Object>> futures = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      futures.add(threads.submit(work::get));
    }
    return outcomes(futures);
  }

  @Test
  void aWriteSkewBetweenTwoSerializableTransactionsFailsOneOfThem() throws Exception {
    List<Object> outcomes = writeSkew(0, new AtomicInteger());
    assertThat(outcomes).filteredOn(o -> o instanceof RetryableException).hasSize(1)
        .allSatisfy(o -> assertThat(((RetryableException) o).sqlState()).contains("40001"));
    assertThat(outcomes).filteredOn(o -> o instanceof Long).containsExactly(0L);
    assertThat(store.tasks().count(TaskFilter.completed(true))).isEqualTo(1);
  }

  @Test
  void aWriteSkewIsRetriedAndTheRetrySeesTheOtherCommit() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<Object> outcomes = writeSkew(1, runs);
    assertThat(outcomes).containsExactlyInAnyOrder(0L, 1L);
    assertThat(runs).hasValue(3);
    assertThat(store.tasks().count(TaskFilter.completed(true))).isEqualTo(2);
  }

  /** Two transactions lock two tasks in opposite orders. */
  private List<Object> deadlock(int retries, AtomicInteger runs) throws InterruptedException {
    TaskRead a = store.tasks().create(TaskBase.of("a"));
    TaskRead b = store.tasks().create(TaskBase.of("b"));
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    List<Future<Object>> futures = new ArrayList<>();
    for (long[] order : new long[][] {{a.id(), b.id()}, {b.id(), a.id()}}) {
      futures.add(threads.submit(() -> store.inTransaction(TransactionOptions.defaults().withRetries(retries),
          tx -> {
            boolean first = runs.incrementAndGet() <= 2;
            tx.tasks().update(order[0], TaskUpdate.builder().completed(true).build());
            if (first) {
              await(bothHoldOne);
            }
            return tx.tasks().update(order[1], TaskUpdate.builder().completed(true).build());
          })));
    }
    return outcomes(futures);
  }

  @Test
  void aDeadlockFailsOneTransactionAsRetryable() throws Exception {
    List<Object> outcomes = deadlock(0, new AtomicInteger());
    assertThat(outcomes).filteredOn(o -> o instanceof RetryableException).hasSize(1)
        .allSatisfy(o -> assertThat(((RetryableException) o).sqlState()).contains("40P01"));
    assertThat(outcomes).filteredOn(o -> o instanceof TaskRead).hasSize(1);
  }

  @Test
  void aDeadlockIsRetriedAndBothTransactionsCommit() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<Object> outcomes = deadlock(1, runs);
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(TaskRead.class));
    assertThat(runs).hasValue(3);
    assertThat(store.tasks().count(TaskFilter.completed(true))).isEqualTo(2);
  }
}
