package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Keyset pagination walks a large table exactly once, in order, while other sessions insert rows: every row
 * that existed when the walk began is seen exactly once, and rows inserted meanwhile can only appear after
 * the cursor's position.
 */
class KeysetPaginationTest extends DatabaseTest {

  private static final int ROWS = 10_000;

  /** 10,000 tasks whose creation times disagree with their ids and often tie (one-second steps over an hour). */
  private static void seed() {
    TestDatabase.execute("SELECT setseed(0.42);"
        + " INSERT INTO task (title, created_at)"
        + " SELECT 'seed ' || g, timestamptz '2024-01-01 00:00:00+00' + floor(random() * 3600) * interval '1 second'"
        + " FROM generate_series(1, " + ROWS + ") g");
  }

  private static Comparator<TaskRead> order(TaskSort sort) {
    Comparator<TaskRead> byId = Comparator.comparingLong(TaskRead::id);
    return switch (sort) {
      case ID_ASC -> byId;
      case ID_DESC -> byId.reversed();
      case CREATED_AT_ASC -> Comparator.comparing(TaskRead::createdAt).thenComparing(byId);
      case CREATED_AT_DESC -> Comparator.comparing(TaskRead::createdAt).thenComparing(byId).reversed();
      case RELEVANCE -> throw new IllegalArgumentException("relevance needs a search (see BackwardPaginationTest)");
    };
  }

  @ParameterizedTest
  @EnumSource(value = TaskSort.class, mode = EnumSource.Mode.EXCLUDE, names = "RELEVANCE")
  void walksEveryExistingRowOnceInOrderWhileAnotherThreadInserts(TaskSort sort) throws Exception {
    seed();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger inserted = new AtomicInteger();
    AtomicReference<Throwable> inserterFailure = new AtomicReference<>();
    CountDownLatch insertedDuringWalk = new CountDownLatch(3);
    CountDownLatch walkStarted = new CountDownLatch(1);
    Thread inserter = new Thread(() -> {
      try {
        walkStarted.await();
        while (!stop.get()) {
          store.tasks().create(TaskBase.of("late"));
          inserted.incrementAndGet();
          insertedDuringWalk.countDown();
        }
      } catch (Throwable t) {
        inserterFailure.set(t);
      }
    }, "inserter");
    inserter.start();

    List<TaskRead> seen = new ArrayList<>();
    TaskQuery.Builder query = TaskQuery.builder().sort(sort).limit(97);
    String cursor = null;
    try {
      do {
        Page<TaskRead> page = store.tasks().list(query.after(cursor).build());
        if (cursor == null) {
          walkStarted.countDown();
          // Make sure the walk really overlaps with inserts rather than finishing first.
          assertThat(insertedDuringWalk.await(10, TimeUnit.SECONDS)).isTrue();
        }
        seen.addAll(page.items());
        cursor = page.nextCursor().orElse(null);
      } while (cursor != null);
    } finally {
      walkStarted.countDown();
      stop.set(true);
      inserter.join();
    }
    assertThat(inserterFailure.get()).isNull();
    assertThat(inserted.get()).isGreaterThanOrEqualTo(3);

    Set<Long> ids = new HashSet<>();
    int seeded = 0;
    for (TaskRead t : seen) {
      assertThat(ids.add(t.id())).as("row %d seen twice", t.id()).isTrue();
      if (t.title().startsWith("seed ")) {
        seeded++;
      }
    }
    assertThat(seeded).isEqualTo(ROWS);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(order(sort).compare(seen.get(i - 1), seen.get(i))).as("order at %d", i).isNegative();
    }
  }

  @Test
  void aFilteredWalkOfListWithUsersSeesEveryMatchingRowOnce() {
    UserRead ann = store.users().create("ann@example.org");
    List<TaskBase> tasks = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      tasks.add(TaskBase.builder("t" + i).completed(i % 3 == 0).userId(i % 2 == 0 ? ann.id() : null).build());
    }
    store.tasks().createAll(tasks);
    TaskQuery.Builder query = TaskQuery.builder().filter(TaskFilter.completed(false)).sort(TaskSort.CREATED_AT_DESC)
        .limit(50);
    List<TaskWithUser> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<TaskWithUser> page = store.tasks().listWithUsers(query.after(cursor).build());
      seen.addAll(page.items());
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    assertThat(seen).hasSize((int) store.tasks().count(TaskFilter.completed(false)));
    assertThat(seen).extracting(r -> r.task().id()).doesNotHaveDuplicates();
    assertThat(seen).allSatisfy(r -> {
      assertThat(r.task().completed()).isFalse();
      assertThat(r.user().map(UserRead::id)).isEqualTo(r.task().userId());
    });
  }

  @Test
  void aUsersTasksPageWithTheCursorOfTheirPreviousPage() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    for (int i = 0; i < 10; i++) {
      store.tasks().create(TaskBase.builder("t" + i).userId(i < 7 ? ann.id() : bob.id()).build());
    }
    TaskQuery.Builder q = TaskQuery.builder().limit(4);
    Page<TaskRead> first = store.users().tasksOf(ann.id(), q.build());
    Page<TaskRead> second = store.users().tasksOf(ann.id(), q.after(first.nextCursor().orElseThrow()).build());
    assertThat(first.items()).extracting(TaskRead::title).containsExactly("t0", "t1", "t2", "t3");
    assertThat(second.items()).extracting(TaskRead::title).containsExactly("t4", "t5", "t6");
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void creationTimesCenturiesFromTheEpochPageCorrectly() {
    for (int i = 0; i < 4; i++) {
      store.tasks().create(TaskBase.of("t" + i));
    }
    // Rows written by other tools may hold any time PostgreSQL accepts; cursors must still encode them.
    TestDatabase.execute("UPDATE task SET created_at = CASE id WHEN 1 THEN timestamptz '1500-01-01 00:00:00+00'"
        + " WHEN 2 THEN timestamptz '2600-01-01 00:00:00.000001+00' WHEN 3 THEN timestamptz '1969-12-31 23:59:59.5+00'"
        + " ELSE timestamptz '9999-12-31 23:59:59.999999+00' END");
    TaskQuery.Builder q = TaskQuery.builder().sort(TaskSort.CREATED_AT_ASC).limit(1);
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    do {
      Page<TaskRead> page = store.tasks().list(q.after(cursor).build());
      page.items().forEach(t -> ids.add(t.id()));
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    assertThat(ids).containsExactly(1L, 3L, 2L, 4L);
  }
}
