package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Creates with an idempotency key: one row per key, a retry returns it, other content with the key conflicts. */
class IdempotentCreateTest extends DatabaseTest {

  private static final String KEY = "9f1c2f7e-4d4b-4a55-9a8e-0c9f2b1d7e31";

  private static TaskBase.Builder report() {
    return TaskBase.builder("Write the report").description("numbers").priority(Priority.HIGH)
        .dueDate(Instant.parse("2031-01-02T03:04:05.123456Z")).idempotencyKey(KEY);
  }

  @Test
  void aRetryWithTheSameKeyReturnsTheFirstTaskAndStoresNoSecond() {
    TaskRead first = store.tasks().create(report().build());
    TaskRead retry = store.tasks().create(report().build());

    assertThat(retry).isEqualTo(first);
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task")).isEqualTo(1);
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task WHERE idempotency_key = '" + KEY + "'"))
        .isEqualTo(1);
  }

  @Test
  void aRetryAfterTheTaskWasUpdatedReturnsItAsItIsNow() {
    TaskRead first = store.tasks().create(report().build());
    TaskRead changed = store.tasks().update(first.id(), TaskUpdate.builder().completed(true).build());

    assertThat(store.tasks().create(report().build())).isEqualTo(changed);
  }

  @Test
  void theSameKeyWithOtherContentIsAConflict() {
    TaskRead first = store.tasks().create(report().build());
    List<TaskBase> others = List.of(
        report().title("Other title").build(),
        report().description(null).build(),
        report().priority(Priority.LOW).build(),
        report().completed(true).build(),
        report().dueDate(null).build(),
        report().dueDate(Instant.parse("2031-01-02T03:04:05.123457Z")).build(),
        report().userId(store.users().create("ann@example.org").id()).build());

    for (TaskBase other : others) {
      assertThatThrownBy(() -> store.tasks().create(other)).as("%s", other)
          .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
            assertThat(e.entity()).isEqualTo("task");
            assertThat(e.httpStatus()).isEqualTo(409);
            assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(String.valueOf(first.id()));
          });
    }
    assertThat(store.tasks().get(first.id())).isEqualTo(first);
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task")).isEqualTo(1);
  }

  @Test
  void otherKeysAndNoKeyStoreNewTasks() {
    TaskRead a = store.tasks().create(report().build());
    TaskRead b = store.tasks().create(report().idempotencyKey("other-key").build());
    TaskRead c = store.tasks().create(report().idempotencyKey(null).build());
    TaskRead d = store.tasks().create(report().idempotencyKey(null).build());

    assertThat(List.of(a.id(), b.id(), c.id(), d.id())).doesNotHaveDuplicates();
  }

  /** Keys are unique over all tasks, whatever their user: the same key for another user is a conflict. */
  @Test
  void keysAreGlobalNotPerUser() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    store.tasks().create(report().userId(ann.id()).build());

    assertThatThrownBy(() -> store.tasks().create(report().userId(bob.id()).build()))
        .isInstanceOf(IdempotencyConflictException.class);
  }

  @Test
  void sixteenThreadsWithOneKeyStoreOneRowAndAllGetIt() throws Exception {
    int threads = 16;
    for (int round = 0; round < 5; round++) {
      TaskBase task = report().idempotencyKey("race-" + round).build();
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<TaskRead>> calls = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          calls.add(pool.submit(() -> {
            start.await();
            return store.tasks().create(task);
          }));
        }
        List<TaskRead> results = new ArrayList<>();
        for (Future<TaskRead> call : calls) {
          results.add(call.get()); // an exception in any thread fails here
        }
        assertThat(results).containsOnly(results.get(0));
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM task WHERE idempotency_key = 'race-" + round + "'"))
            .isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** The race made certain: the first insert commits while the retry waits on the unique index. */
  @Test
  void aCreateThatWaitedForAConcurrentOneReturnsItsRow() throws Exception {
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<TaskRead> first = pool.submit(() -> store.inTransaction(tx -> {
        TaskRead created = tx.tasks().create(report().build());
        inserted.countDown();
        TestSql.await(commit);
        return created;
      }));
      TestSql.await(inserted);
      Future<TaskRead> second = pool.submit(() -> store.tasks().create(report().build()));
      TestSql.await("the second create to wait on the first one's key", Duration.ofSeconds(10),
          () -> TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0);
      commit.countDown();

      assertThat(second.get()).isEqualTo(first.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aKeyedCreateRolledBackLeavesTheKeyFree() {
    assertThatThrownBy(() -> store.useTransaction(tx -> {
      tx.tasks().create(report().build());
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);

    TaskRead later = store.tasks().create(report().title("Another").build());
    assertThat(later.title()).isEqualTo("Another");
  }

  @Test
  void aKeyedCreateStillChecksItsUser() {
    assertThatThrownBy(() -> store.tasks().create(report().userId(404L).build()))
        .isInstanceOf(ForeignKeyViolationException.class);
  }

  @Test
  void createAllStoresKeysAndARetriedCreateFindsThem() {
    List<Long> ids = store.tasks().createAll(List.of(report().build(), report().idempotencyKey("b").build(),
        TaskBase.of("no key")));

    assertThat(store.tasks().create(report().build()).id()).isEqualTo(ids.get(0));
    assertThat(store.tasks().create(report().idempotencyKey("b").build()).id()).isEqualTo(ids.get(1));
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task")).isEqualTo(3);
  }

  @Test
  void createAllWithAStoredKeyFailsWholeAndStoresNothing() {
    store.tasks().create(report().build());

    assertThatThrownBy(() -> store.tasks().createAll(List.of(TaskBase.of("fresh"), report().build())))
        .isInstanceOfSatisfying(UniqueViolationException.class,
            e -> assertThat(e.constraintName()).contains("task_idempotency_key"));
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task")).isEqualTo(1);
  }

  @Test
  void createAllWithOneKeyTwiceIsRefusedBeforeAnySql() {
    assertThatThrownBy(() -> store.tasks().createAll(List.of(report().build(), TaskBase.of("x"), report().build())))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("tasks[2].idempotencyKey");
          assertThat(e.reason()).isEqualTo("repeats the key of tasks[0]");
        });
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task")).isZero();
  }

  @Test
  void theAsynchronousCreateIsIdempotentToo() {
    TaskRead first = store.async().tasks().create(report().build()).join();

    assertThat(store.async().tasks().create(report().build()).join()).isEqualTo(first);
  }
}
