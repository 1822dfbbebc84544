package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.DatabaseTest;
import dev.taskstore.IsolationLevel;
import dev.taskstore.Priority;
import dev.taskstore.RetryableException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TeamRead;
import dev.taskstore.TestDatabase;
import dev.taskstore.TransactionOptions;
import dev.taskstore.UserRead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Many threads on the same rows: totals stay exact, bulk inserts are seen whole, links are never doubled. */
@Tag("reliability")
class ConcurrencyTest extends DatabaseTest {

  private static final int THREADS = 16;
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  @Test
  void sixteenThreadsIncrementingTheSameRowsInTransactionsEndWithExactTotals() {
    int perThread = 500;
    int rows = 4;
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      ids.add(store.tasks().create(TaskBase.builder("counter " + i).description("0").build()).id());
    }

    Workers.run("increment", THREADS, DEADLINE, worker -> {
      for (int i = 0; i < perThread; i++) {
        long id = ids.get((worker + i) % rows);
        store.useTransaction(tx -> {
          // update() locks the row and returns it as it now is, so no other transaction can read the same
          // value before this one commits: a read-modify-write that cannot lose an increment.
          TaskRead locked = tx.tasks().update(id, TaskUpdate.builder().completed(false).build());
          long value = Long.parseLong(locked.description().orElseThrow());
          tx.tasks().update(id, TaskUpdate.builder().description(Long.toString(value + 1)).build());
        });
      }
    });

    long total = 0;
    for (long id : ids) {
      long value = Long.parseLong(store.tasks().get(id).description().orElseThrow());
      assertThat(value).as("counter %d", id).isEqualTo((long) THREADS * perThread / rows);
      total += value;
    }
    assertThat(total).isEqualTo((long) THREADS * perThread);
  }

  @Test
  void optimisticIncrementsUnderRepeatableReadLoseNothingThatWasAcknowledged() {
    int perThread = 100;
    long id = store.tasks().create(TaskBase.builder("optimistic counter").description("0").build()).id();
    TransactionOptions options = TransactionOptions.defaults()
        .withIsolation(IsolationLevel.REPEATABLE_READ).withRetries(TransactionOptions.MAX_RETRIES);
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong gaveUp = new AtomicLong();

    Workers.run("optimistic", THREADS, DEADLINE, worker -> {
      for (int i = 0; i < perThread; i++) {
        try {
          store.inTransaction(options, tx -> {
            long value = Long.parseLong(tx.tasks().get(id).description().orElseThrow());
            return tx.tasks().update(id, TaskUpdate.builder().description(Long.toString(value + 1)).build());
          });
          acknowledged.incrementAndGet();
        } catch (RetryableException e) {
          // Lost the race more often than the retries allow: rolled back, so it must not count.
          gaveUp.incrementAndGet();
        }
      }
    });

    long value = Long.parseLong(store.tasks().get(id).description().orElseThrow());
    System.out.printf("[reliability] optimistic increments: %d acknowledged, %d gave up after %d retries%n",
        acknowledged.get(), gaveUp.get(), TransactionOptions.MAX_RETRIES);
    assertThat(value).isEqualTo(acknowledged.get());
    assertThat(acknowledged.get() + gaveUp.get()).isEqualTo((long) THREADS * perThread);
    assertThat(acknowledged.get()).isPositive();
  }

  @Test
  void concurrentCreateAllIsSeenWholeOrNotAtAllByConcurrentCounts() {
    int writers = 8;
    int batchesPerWriter = 5;
    // More than one INSERT statement's worth of rows (1,000), so a batch is two statements in one transaction.
    int batchSize = 1_200;
    List<TaskBase> batch = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      batch.add(TaskBase.builder("bulk " + i).priority(Priority.values()[i % 3]).build());
    }
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong counts = new AtomicLong();

    try (Workers.Running readers = Workers.start("count", 4, worker -> {
      long last = 0;
      // Bounded by the writers' end; the cap only guards against a writer that never ends.
      for (int i = 0; i < 1_000_000 && writing.get(); i++) {
        long count = store.tasks().count(TaskFilter.all());
        assertThat(count % batchSize).as("count %d is a whole number of batches", count).isZero();
        assertThat(count).as("counts never go backwards").isGreaterThanOrEqualTo(last);
        last = count;
        Map<Priority, Long> byPriority = store.tasks().countByPriority(TaskFilter.all());
        for (long n : byPriority.values()) {
          assertThat(n % (batchSize / 3)).as("per-priority count %d", n).isZero();
        }
        counts.incrementAndGet();
      }
    })) {
      try {
        Workers.run("createAll", writers, DEADLINE, worker -> {
          for (int b = 0; b < batchesPerWriter; b++) {
            List<Long> created = store.tasks().createAll(batch);
            assertThat(created).hasSize(batchSize);
            for (long id : created) {
              assertThat(ids.add(id)).as("id %d returned once", id).isTrue();
            }
          }
        });
      } finally {
        writing.set(false);
      }
      readers.await(DEADLINE);
    }

    long expected = (long) writers * batchesPerWriter * batchSize;
    System.out.printf("[reliability] concurrent createAll: %d rows, %d consistent count snapshots%n",
        expected, counts.get());
    assertThat(ids).hasSize((int) expected);
    assertThat(store.tasks().count(TaskFilter.all())).isEqualTo(expected);
    assertThat(TestDatabase.queryLong("SELECT count(DISTINCT id) FROM task")).isEqualTo(expected);
  }

  @Test
  void concurrentAddMemberOfTheSamePairNeverFailsNorDuplicates() {
    int pairs = 25;
    TeamRead team = store.teams().create("racers");
    List<Long> users = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      UserRead u = store.users().create("racer" + i + "@example.org");
      users.add(u.id());
    }
    AtomicIntegerArray added = new AtomicIntegerArray(pairs);
    CyclicBarrier start = new CyclicBarrier(THREADS);

    Workers.run("addMember", THREADS, DEADLINE, worker -> {
      for (int p = 0; p < pairs; p++) {
        // All threads add the same pair at the same moment.
        start.await(30, TimeUnit.SECONDS);
        if (store.teams().addMember(team.id(), users.get(p))) {
          added.incrementAndGet(p);
        }
      }
    });

    for (int p = 0; p < pairs; p++) {
      assertThat(added.get(p)).as("calls that reported pair %d as new", p).isEqualTo(1);
    }
    List<Long> memberIds = store.teams().members(team.id()).stream().map(UserRead::id).toList();
    assertThat(memberIds).containsExactlyElementsOf(users);
    assertThat(new HashSet<>(memberIds)).hasSize(pairs);
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM teamuserlink")).isEqualTo(pairs);
  }
}
