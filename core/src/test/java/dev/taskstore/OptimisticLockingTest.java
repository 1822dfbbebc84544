package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** update(id, update, expectedVersion): writes only at the expected version, in one statement. */
class OptimisticLockingTest extends DatabaseTest {

  @Test
  void anUpdateAtTheExpectedVersionWritesAndRaisesIt() {
    TaskRead task = store.tasks().create(TaskBase.of("draft"));

    TaskRead updated = store.tasks().update(task.id(), TaskUpdate.builder().title("final").build(), 1);

    assertThat(updated.title()).isEqualTo("final");
    assertThat(updated.version()).isEqualTo(2);
    assertThat(store.tasks().get(task.id())).isEqualTo(updated);
  }

  @Test
  void aStaleVersionWritesNothingAndSaysTheCurrentOne() {
    TaskRead task = store.tasks().create(TaskBase.of("draft"));
    store.tasks().update(task.id(), TaskUpdate.builder().title("theirs").build());
    store.tasks().update(task.id(), TaskUpdate.builder().priority(Priority.HIGH).build());

    assertThatThrownBy(() -> store.tasks().update(task.id(), TaskUpdate.builder().title("mine").build(), 1))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> {
          assertThat(e.entity()).isEqualTo("task");
          assertThat(e.id()).isEqualTo(task.id());
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.currentVersion()).isEqualTo(3);
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.getMessage()).isEqualTo("task " + task.id() + " is at version 3, not the expected 1");
        });
    TaskRead now = store.tasks().get(task.id());
    assertThat(now.title()).isEqualTo("theirs");
    assertThat(now.version()).isEqualTo(3);
  }

  @Test
  void aVersionAheadOfTheRowIsStaleToo() {
    TaskRead task = store.tasks().create(TaskBase.of("draft"));

    assertThatThrownBy(() -> store.tasks().update(task.id(), TaskUpdate.builder().title("x").build(), 7))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(1));
  }

  @Test
  void aMissingTaskIsNotFoundWhateverTheVersion() {
    assertThatThrownBy(() -> store.tasks().update(404, TaskUpdate.builder().title("x").build(), 1))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(404));
    assertThatThrownBy(() -> store.tasks().update(404, TaskUpdate.empty(), 1))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anEmptyUpdateChecksTheVersionAndWritesNothing() {
    TaskRead task = store.tasks().create(TaskBase.of("draft"));

    assertThat(store.tasks().update(task.id(), TaskUpdate.empty(), 1)).isEqualTo(task);
    assertThatThrownBy(() -> store.tasks().update(task.id(), TaskUpdate.empty(), 2))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(1));
    assertThat(store.tasks().get(task.id()).version()).isEqualTo(1);
  }

  @Test
  void aVersionFromAReadWorksOnceThenIsStale() {
    TaskRead read = store.tasks().create(TaskBase.of("draft"));
    TaskRead first = store.tasks().update(read.id(), TaskUpdate.builder().completed(true).build(), read.version());

    assertThatThrownBy(() -> store.tasks().update(read.id(), TaskUpdate.builder().completed(false).build(),
        read.version())).isInstanceOf(StaleVersionException.class);
    assertThat(store.tasks().update(read.id(), TaskUpdate.builder().completed(false).build(), first.version())
        .version()).isEqualTo(3);
  }

  /** Of 16 writers that read version 1 and update at once, exactly one wins; the others learn version 2. */
  @Test
  void sixteenConcurrentWritersOfOneVersionOneWins() throws Exception {
    int threads = 16;
    TaskRead task = store.tasks().create(TaskBase.of("contested"));
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<TaskRead>> calls = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String title = "writer " + t;
        calls.add(pool.submit(() -> {
          start.await();
          return store.tasks().update(task.id(), TaskUpdate.builder().title(title).build(), 1);
        }));
      }
      List<TaskRead> winners = new ArrayList<>();
      List<StaleVersionException> losers = new ArrayList<>();
      for (Future<TaskRead> call : calls) {
        try {
          winners.add(call.get());
        } catch (ExecutionException e) {
          losers.add((StaleVersionException) e.getCause()); // any other exception fails the test here
        }
      }
      assertThat(winners).hasSize(1);
      assertThat(losers).hasSize(threads - 1).allSatisfy(e -> assertThat(e.currentVersion()).isEqualTo(2));
      assertThat(store.tasks().get(task.id())).isEqualTo(winners.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The race made certain: another transaction updates the row and commits while this update waits for the
   * row's lock, so the statement's snapshot still shows the expected version; the call still reports the new one.
   */
  @Test
  void anUpdateThatWaitedForAConcurrentOneReportsTheVersionItLeft() throws Exception {
    TaskRead task = store.tasks().create(TaskBase.of("draft"));
    CountDownLatch updated = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<TaskRead> first = pool.submit(() -> store.inTransaction(tx -> {
        TaskRead done = tx.tasks().update(task.id(), TaskUpdate.builder().title("first").build(), 1);
        updated.countDown();
        TestSql.await(commit);
        return done;
      }));
      TestSql.await(updated);
      Future<TaskRead> second = pool.submit(() ->
          store.tasks().update(task.id(), TaskUpdate.builder().title("second").build(), 1));
      TestSql.await("the second update to wait on the first one's row", Duration.ofSeconds(10),
          () -> TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0);
      commit.countDown();

      assertThat(first.get().version()).isEqualTo(2);
      assertThatThrownBy(second::get).cause().isInstanceOfSatisfying(StaleVersionException.class, e -> {
        assertThat(e.expectedVersion()).isEqualTo(1);
        assertThat(e.currentVersion()).isEqualTo(2);
      });
      assertThat(store.tasks().get(task.id()).title()).isEqualTo("first");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void insideATransactionAndAsynchronously() {
    TaskRead task = store.tasks().create(TaskBase.of("draft"));

    TaskRead inTx = store.inTransaction(tx -> tx.tasks().update(task.id(), TaskUpdate.builder().title("a").build(), 1));
    assertThat(inTx.version()).isEqualTo(2);

    assertThat(store.async().tasks().update(task.id(), TaskUpdate.builder().title("b").build(), 2).join().version())
        .isEqualTo(3);
    assertThat(store.async().tasks().update(task.id(), TaskUpdate.builder().title("c").build(), 2)
        .handle((ok, e) -> e).join()).isInstanceOf(StaleVersionException.class);
  }

  @Test
  void anUpdateWithoutAVersionStillWritesWhateverTheVersion() {
    TaskRead task = store.tasks().create(TaskBase.of("draft"));
    store.tasks().update(task.id(), TaskUpdate.builder().title("one").build());

    assertThat(store.tasks().update(task.id(), TaskUpdate.builder().title("two").build()).version()).isEqualTo(3);
  }
}
