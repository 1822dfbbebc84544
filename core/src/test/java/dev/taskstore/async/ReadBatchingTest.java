package dev.taskstore.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.DatabaseException;
import dev.taskstore.NotFoundException;
import dev.taskstore.RecordingObservations;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous reads by id that wait for a connection together are served in one round trip, each with the
 * answer or exception it would have had alone; a read that finds a connection free runs alone at once.
 */
class ReadBatchingTest {

  private static final String SCHEMA = "batching";

  private final RecordingObservations recording = new RecordingObservations();
  private TaskStore store;

  @BeforeEach
  void openAStoreOfOneConnection() {
    TestDatabase.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    store = TaskStore.open(TestDatabase.config().schema(SCHEMA).minimumIdle(0).maximumPoolSize(1)
        .observationRegistry(recording.registry()).build());
    store.migrate();
    recording.stopped().clear();
  }

  @AfterEach
  void close() {
    store.close();
    TestDatabase.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
  }

  @Test
  void readsThatWaitTogetherShareOneRoundTripAndEachGetsItsOwnAnswer() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(store.tasks().create(TaskBase.of("task " + i)).id());
    }
    long missing = ids.get(ids.size() - 1) + 1000;
    recording.stopped().clear();

    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder = holdTheOnlyConnection(release);
    List<CompletableFuture<Optional<TaskRead>>> found = new ArrayList<>();
    for (long id : ids) {
      found.add(store.async().tasks().findById(id));
    }
    CompletableFuture<Optional<TaskRead>> notFound = store.async().tasks().findById(missing);
    CompletableFuture<TaskRead> got = store.async().tasks().get(ids.get(3));
    CompletableFuture<TaskRead> gotMissing = store.async().tasks().get(missing);
    CompletableFuture<TaskRead> duplicate = store.async().tasks().get(ids.get(3));
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);
    CompletableFuture.allOf(found.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(10, TimeUnit.SECONDS);
    CompletableFuture.allOf(notFound, got, gotMissing, duplicate).exceptionally(e -> null).get(10, TimeUnit.SECONDS);
    List<String> ran = recording.operations();

    for (int i = 0; i < ids.size(); i++) {
      assertThat(found.get(i).get(10, TimeUnit.SECONDS)).hasValueSatisfying(t -> assertThat(t)
          .isEqualTo(store.tasks().get(t.id())));
      assertThat(found.get(i).join().orElseThrow().id()).isEqualTo(ids.get(i));
    }
    assertThat(notFound.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(got.join().title()).isEqualTo("task 3");
    assertThat(duplicate.join()).isEqualTo(got.join());
    // The exception a get alone throws: NotFoundException, naming the entity and id.
    assertThat(gotMissing).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
        .havingCause().isInstanceOf(NotFoundException.class).withMessage(new NotFoundException("task", missing)
            .getMessage());
    // The transaction that held the connection, then one round trip for all 24 reads.
    assertThat(ran).containsExactly("transaction", "tasks.findByIds");
  }

  @Test
  void aReadThatFindsAConnectionFreeRunsAloneAtOnce() {
    TaskRead task = store.tasks().create(TaskBase.of("alone"));
    recording.stopped().clear();
    assertThat(store.async().tasks().findById(task.id()).join()).contains(task);
    assertThat(store.async().tasks().get(task.id()).join()).isEqualTo(task);
    assertThat(recording.operations()).containsExactly("tasks.findById", "tasks.findById");
  }

  /**
   * Reads past {@code asyncReadRoundTrips} wait to share a round trip even while connections are free; other
   * calls do not wait for them. The reads running are held on the server by a lock on the task table.
   */
  @Test
  void readsPastTheRoundTripLimitShareOneRoundTripWhileOtherCallsRunAtOnce() throws Exception {
    store.close();
    store = TaskStore.open(TestDatabase.config().schema(SCHEMA).minimumIdle(0).maximumPoolSize(4)
        .asyncReadRoundTrips(2).observationRegistry(recording.registry()).build());
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(store.tasks().create(TaskBase.of("task " + i)).id());
    }
    long userId = store.users().create(new dev.taskstore.UserCreate("reader@example.org")).id();
    recording.stopped().clear();

    List<CompletableFuture<Optional<TaskRead>>> reads = new ArrayList<>();
    CompletableFuture<dev.taskstore.UserRead> user;
    try (java.sql.Connection lock = TestDatabase.connect()) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE " + SCHEMA + ".task IN ACCESS EXCLUSIVE MODE");
      for (long id : ids) {
        reads.add(store.async().tasks().findById(id));
      }
      // Two reads run (and wait for the lock), ten wait for them although two connections are free, which a
      // call of another kind takes at once.
      user = store.async().users().findById(userId).thenApply(Optional::orElseThrow);
      assertThat(user.get(10, TimeUnit.SECONDS).id()).isEqualTo(userId);
      assertThat(reads).noneMatch(CompletableFuture::isDone);
      lock.rollback();
    }
    for (int i = 0; i < ids.size(); i++) {
      assertThat(reads.get(i).get(10, TimeUnit.SECONDS).orElseThrow().id()).isEqualTo(ids.get(i));
    }
    // Two reads ran; each took along the reads that waited when it started, and the first to end served the
    // rest: 2 or 3 round trips for 12 reads. (Without the limit, each of the 4 slots would have run one: 4 or more.)
    assertThat(recording.operations()).containsOnlyOnce("users.findById");
    assertThat(taskRoundTrips()).isBetween(2L, 3L);
  }

  @Test
  void withTheLimitAtTheConcurrencyEveryReadThatFindsASlotRunsAlone() throws Exception {
    store.close();
    store = TaskStore.open(TestDatabase.config().schema(SCHEMA).minimumIdle(0).maximumPoolSize(4)
        .asyncReadRoundTrips(4).observationRegistry(recording.registry()).build());
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(store.tasks().create(TaskBase.of("task " + i)).id());
    }
    recording.stopped().clear();
    List<CompletableFuture<Optional<TaskRead>>> reads = new ArrayList<>();
    try (java.sql.Connection lock = TestDatabase.connect()) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE " + SCHEMA + ".task IN ACCESS EXCLUSIVE MODE");
      for (long id : ids) {
        reads.add(store.async().tasks().findById(id));
      }
      lock.rollback();
    }
    for (int i = 0; i < ids.size(); i++) {
      assertThat(reads.get(i).get(10, TimeUnit.SECONDS).orElseThrow().id()).isEqualTo(ids.get(i));
    }
    // Four slots, four reads running at once; the two that waited for a slot went with one of them or share
    // the first slot freed.
    assertThat(taskRoundTrips()).isBetween(4L, 5L);
  }

  private long taskRoundTrips() {
    return recording.operations().stream().filter(o -> o.startsWith("tasks.")).count();
  }

  @Test
  void whenTheSharedRoundTripFailsEveryReadFailsWithItsException() throws Exception {
    long id = store.tasks().create(TaskBase.of("doomed")).id();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder = store.async().useTransaction(tx -> {
      tx.jdbc(c -> c.createStatement().execute("ALTER TABLE " + SCHEMA + ".task RENAME TO task_gone"));
      await(release);
    });
    List<CompletableFuture<?>> reads = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      reads.add(store.async().tasks().findById(id));
      reads.add(store.async().tasks().get(id));
    }
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);

    for (CompletableFuture<?> read : reads) {
      assertThat(read).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
          .havingCause().isInstanceOf(DatabaseException.class)
          .satisfies(e -> assertThat(((DatabaseException) e).sqlState()).contains("42P01"));
    }
    assertThat(recording.operations()).containsOnlyOnce("tasks.findByIds");
  }

  @Test
  void aCancelledReadIsLeftOutAndTheOthersAreServed() throws Exception {
    long id = store.tasks().create(TaskBase.of("kept")).id();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder = holdTheOnlyConnection(release);
    CompletableFuture<Optional<TaskRead>> first = store.async().tasks().findById(id);
    CompletableFuture<Optional<TaskRead>> cancelled = store.async().tasks().findById(id);
    CompletableFuture<TaskRead> last = store.async().tasks().get(id);
    assertThat(cancelled.cancel(false)).isTrue();
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);

    assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
    assertThat(last.get(10, TimeUnit.SECONDS).id()).isEqualTo(id);
    assertThat(cancelled).isCancelled();
    assertThat(CompletableFuture.supplyAsync(() -> cancelled.isCompletedExceptionally()).join()).isTrue();
  }

  private CompletableFuture<Void> holdTheOnlyConnection(CountDownLatch release) throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    CompletableFuture<Void> holder = store.async().useTransaction(tx -> {
      holding.countDown();
      await(release);
    });
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    return holder;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }
}
