package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyset pages in both directions: a walk to the last page and back again to the first, while another session
 * inserts rows (for the relevance sort, rows that land in the middle of the order), sees every row that existed
 * before the walk exactly once each way, every page in the query's order, and the backward walk ends on a page
 * without a previous cursor.
 */
class BackwardPaginationTest extends DatabaseTest {

  private static final int ROWS = 3_000;
  private static final int LIMIT = 97;
  private static final int MAX_INSERTS = 400;

  /**
   * Tasks whose creation times disagree with their ids and often tie, and whose relevance for "seed" takes five
   * values (the word once in the title, 0 to 4 times more in the description).
   */
  private static void seed() {
    TestDatabase.execute("SELECT setseed(0.17);"
        + " INSERT INTO task (title, description, created_at)"
        + " SELECT 'seed ' || g, nullif(repeat('seed ', g % 5), ''),"
        + " timestamptz '2024-01-01 00:00:00+00' + floor(random() * 600) * interval '1 second'"
        + " FROM generate_series(1, " + ROWS + ") g");
  }

  private static TaskFilter filter(TaskSort sort) {
    return sort == TaskSort.RELEVANCE ? TaskFilter.search("seed") : TaskFilter.all();
  }

  /** The sort's order, with the relevance PostgreSQL gives each row (read here with the index's expression). */
  private static Comparator<TaskRead> order(TaskSort sort) {
    Comparator<TaskRead> byId = Comparator.comparingLong(TaskRead::id);
    Comparator<TaskRead> byCreated = Comparator.comparing(TaskRead::createdAt).thenComparing(byId);
    return switch (sort) {
      case ID_ASC -> byId;
      case ID_DESC -> byId.reversed();
      case CREATED_AT_ASC -> byCreated;
      case CREATED_AT_DESC -> byCreated.reversed();
      case RELEVANCE -> {
        Map<Long, Float> ranks = ranks("seed");
        yield Comparator.<TaskRead, Float>comparing(t -> ranks.get(t.id())).thenComparing(byId).reversed();
      }
    };
  }

  /** Every task's relevance for a one-word search, computed by PostgreSQL. */
  static Map<Long, Float> ranks(String word) {
    Map<Long, Float> ranks = new HashMap<>();
    for (String row : TestDatabase.strings(TestDatabase.server().jdbcUrl(), "SELECT id || ' ' || ts_rank("
        + "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', coalesce(description, '')),"
        + " 'B'), websearch_to_tsquery('simple', '" + word + "'))::real::text FROM task")) {
      String[] parts = row.split(" ");
      ranks.put(Long.parseLong(parts[0]), Float.parseFloat(parts[1]));
    }
    return ranks;
  }

  @ParameterizedTest
  @EnumSource(TaskSort.class)
  void walksToTheEndAndBackSeeingEveryExistingRowOnceEachWayWhileAnotherThreadInserts(TaskSort sort)
      throws Exception {
    seed();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger inserted = new AtomicInteger();
    AtomicReference<Throwable> inserterFailure = new AtomicReference<>();
    Thread inserter = new Thread(() -> {
      try {
        // A steady trickle, not a flood: a relevance page ranks every matching row, so the walk's cost grows
        // with what is inserted meanwhile.
        while (!stop.get() && inserted.get() < MAX_INSERTS) {
          store.tasks().create(TaskBase.of("late seed"));
          inserted.incrementAndGet();
          Thread.sleep(2);
        }
      } catch (Throwable t) {
        inserterFailure.set(t);
      }
    }, "inserter");

    TaskQuery.Builder query = TaskQuery.builder().filter(filter(sort)).sort(sort).limit(LIMIT);
    List<List<TaskRead>> forward = new ArrayList<>();
    List<List<TaskRead>> backward = new ArrayList<>();
    inserter.start();
    try {
      awaitInserts(inserted, 3);
      Page<TaskRead> page = store.tasks().list(query.after(null).build());
      assertThat(page.previousCursor()).as("the first page has no previous page").isEmpty();
      forward.add(page.items());
      while (page.nextCursor().isPresent()) {
        page = store.tasks().list(query.after(page.nextCursor().get()).build());
        forward.add(page.items());
      }
      awaitInserts(inserted, Math.min(MAX_INSERTS, inserted.get() + 3));
      backward.add(page.items());
      while (page.previousCursor().isPresent()) {
        page = store.tasks().list(query.before(page.previousCursor().get()).build());
        assertThat(page.nextCursor()).as("a page read backwards has a next page").isPresent();
        backward.add(0, page.items());
      }
    } finally {
      stop.set(true);
      inserter.join();
    }
    assertThat(inserterFailure.get()).isNull();

    Comparator<TaskRead> order = order(sort);
    for (List<List<TaskRead>> walk : List.of(forward, backward)) {
      List<TaskRead> seen = walk.stream().flatMap(List::stream).toList();
      assertThat(walk).allSatisfy(items -> assertThat(items).hasSizeLessThanOrEqualTo(LIMIT));
      Set<Long> ids = new HashSet<>();
      int seeded = 0;
      for (TaskRead t : seen) {
        assertThat(ids.add(t.id())).as("row %d seen twice", t.id()).isTrue();
        seeded += t.title().startsWith("seed ") ? 1 : 0;
      }
      assertThat(seeded).as("seeded rows seen").isEqualTo(ROWS);
      for (int i = 1; i < seen.size(); i++) {
        assertThat(order.compare(seen.get(i - 1), seen.get(i))).as("%s order at %d", sort, i).isNegative();
      }
    }
    if (sort == TaskSort.ID_ASC || sort == TaskSort.CREATED_AT_ASC) {
      // Every insert lands after the last page: walking back retraces the forward pages exactly.
      assertThat(backward).isEqualTo(forward);
    }
  }

  private static void awaitInserts(AtomicInteger inserted, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (inserted.get() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(inserted.get()).as("inserts during the walk").isGreaterThanOrEqualTo(atLeast);
  }

  @Test
  void pagesReadBackwardsAreInTheQueryOrderAndCarryBothCursors() {
    for (int i = 0; i < 10; i++) {
      store.tasks().create(TaskBase.of("t" + i));
    }
    TaskQuery.Builder q = TaskQuery.builder().sort(TaskSort.ID_DESC).limit(3);
    Page<TaskRead> first = store.tasks().list(q.build());
    Page<TaskRead> second = store.tasks().list(q.after(first.nextCursor().orElseThrow()).build());
    assertThat(second.items()).extracting(TaskRead::title).containsExactly("t6", "t5", "t4");
    Page<TaskRead> back = store.tasks().list(q.before(second.previousCursor().orElseThrow()).build());
    assertThat(back).isEqualTo(first);
    assertThat(back.previousCursor()).isEmpty();
    assertThat(store.tasks().list(q.after(back.nextCursor().orElseThrow()).build())).isEqualTo(second);
  }

  @Test
  void aPageReachedByOffsetHasAPreviousPageThatIsShorterAtTheStart() {
    for (int i = 0; i < 10; i++) {
      store.tasks().create(TaskBase.of("t" + i));
    }
    Page<TaskRead> atOffset = store.tasks().list(TaskQuery.builder().offset(2).limit(3).build());
    assertThat(atOffset.items()).extracting(TaskRead::title).containsExactly("t2", "t3", "t4");
    Page<TaskRead> before = store.tasks().list(TaskQuery.builder().limit(3)
        .before(atOffset.previousCursor().orElseThrow()).build());
    assertThat(before.items()).extracting(TaskRead::title).containsExactly("t0", "t1");
    assertThat(before.previousCursor()).isEmpty();
    assertThat(before.nextCursor()).isPresent();
  }

  @Test
  void listWithUsersPagesBackLikeList() {
    UserRead ann = store.users().create("ann@example.org");
    for (int i = 0; i < 8; i++) {
      store.tasks().create(TaskBase.builder("t" + i).userId(i % 2 == 0 ? ann.id() : null).build());
    }
    TaskQuery.Builder q = TaskQuery.builder().sort(TaskSort.CREATED_AT_DESC).limit(3);
    Page<TaskWithUser> first = store.tasks().listWithUsers(q.build());
    Page<TaskWithUser> second = store.tasks().listWithUsers(q.after(first.nextCursor().orElseThrow()).build());
    Page<TaskWithUser> back = store.tasks().listWithUsers(q.before(second.previousCursor().orElseThrow()).build());
    assertThat(back.items()).isEqualTo(first.items());
    assertThat(back.items()).allSatisfy(r -> assertThat(r.user().map(UserRead::id)).isEqualTo(r.task().userId()));
  }
}
