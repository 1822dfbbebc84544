package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Bulk inserts: ids in input order, tens of thousands of rows, all or nothing. */
class CreateAllTest extends DatabaseTest {

  private static Map<Long, String> titlesById() throws Exception {
    Map<Long, String> titles = new HashMap<>();
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, title FROM task")) {
      while (rs.next()) {
        titles.put(rs.getLong(1), rs.getString(2));
      }
    }
    return titles;
  }

  @Test
  void tenThousandRowsComeBackWithTheirIdsInInputOrder() throws Exception {
    // Interleave with single inserts first so that ids are not simply 1..n.
    store.tasks().create(TaskBase.of("before"));
    List<TaskBase> tasks = new ArrayList<>();
    for (int i = 0; i < 10_500; i++) {
      tasks.add(TaskBase.of("bulk " + i));
    }
    List<Long> ids = store.tasks().createAll(tasks);

    assertThat(ids).hasSize(10_500).doesNotHaveDuplicates();
    Map<Long, String> stored = titlesById();
    assertThat(stored).hasSize(10_501);
    for (int i = 0; i < ids.size(); i++) {
      assertThat(stored.get(ids.get(i))).isEqualTo("bulk " + i);
    }
  }

  /** The rows travel as one array per column: text an array literal must quote comes back as given. */
  @Test
  void textThatAnArrayLiteralQuotesIsStoredAsGiven() {
    List<String> titles = List.of("NULL", "null", "{a,b}", "\"quoted\"", "back\\slash\\", "comma, space",
        " padded ", "tab\there", "new\nline", "snow \u2603 clef \uD834\uDD1E", "'single'", "(1,2)", "a\\\"b");
    List<TaskBase> tasks = new ArrayList<>();
    for (String t : titles) {
      tasks.add(TaskBase.builder(t).description(t).build());
    }
    tasks.add(TaskBase.builder("no description").build());
    List<Long> ids = store.tasks().createAll(tasks);

    for (int i = 0; i < titles.size(); i++) {
      TaskRead read = store.tasks().get(ids.get(i));
      assertThat(read.title()).isEqualTo(titles.get(i));
      assertThat(read.description()).contains(titles.get(i));
    }
    assertThat(store.tasks().get(ids.get(titles.size())).description()).isEmpty();
  }

  /** Bulk inserts running at once interleave their ids; each still gets its own back in its input order. */
  @Test
  void concurrentBulkInsertsEachGetTheirIdsInInputOrder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Long>>> calls = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        calls.add(pool.submit(() -> {
          List<TaskBase> tasks = new ArrayList<>();
          for (int i = 0; i < 2_500; i++) {
            tasks.add(TaskBase.of("w" + writer + " " + i));
          }
          return store.tasks().createAll(tasks);
        }));
      }
      List<List<Long>> results = new ArrayList<>();
      for (Future<List<Long>> call : calls) {
        results.add(call.get());
      }
      Map<Long, String> stored = titlesById();
      for (int w = 0; w < 4; w++) {
        List<Long> ids = results.get(w);
        assertThat(ids).hasSize(2_500);
        for (int i = 0; i < ids.size(); i++) {
          assertThat(stored.get(ids.get(i))).isEqualTo("w" + w + " " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyFieldIsStored() {
    UserRead ann = store.users().create("ann@example.org");
    TaskBase full = TaskBase.builder("full").description("d").priority(Priority.HIGH).completed(true)
        .dueDate(Instant.parse("2030-03-04T05:06:07.000008Z")).userId(ann.id()).build();
    TaskBase bare = TaskBase.of("bare");
    List<Long> ids = store.tasks().createAll(List.of(full, bare));
    TaskRead a = store.tasks().get(ids.get(0));
    TaskRead b = store.tasks().get(ids.get(1));
    assertThat(new TaskBase(a.title(), a.description(), a.priority(), a.completed(), a.dueDate(), a.userId()))
        .isEqualTo(full);
    assertThat(new TaskBase(b.title(), b.description(), b.priority(), b.completed(), b.dueDate(), b.userId()))
        .isEqualTo(bare);
  }

  @Test
  void anUnknownUserAtItem500Of1000InsertsNothing() {
    UserRead ann = store.users().create("ann@example.org");
    List<TaskBase> tasks = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      tasks.add(TaskBase.builder("t" + i).userId(i == 500 ? 424_242L : ann.id()).build());
    }
    ForeignKeyViolationException e = catchThrowableOfType(ForeignKeyViolationException.class,
        () -> store.tasks().createAll(tasks));
    assertThat(e.constraintName()).contains("task_user_id_fkey");
    assertThat(e.getMessage()).doesNotContain("424242");
    assertThat(store.tasks().count(TaskFilter.all())).isZero();
  }

  @Test
  void aFailureInALaterStatementRollsBackTheEarlierOnes() {
    List<TaskBase> tasks = new ArrayList<>();
    for (int i = 0; i < 3_500; i++) {
      tasks.add(TaskBase.builder("t" + i).userId(i == 3_200 ? 424_242L : null).build());
    }
    catchThrowableOfType(ForeignKeyViolationException.class, () -> store.tasks().createAll(tasks));
    assertThat(store.tasks().count(TaskFilter.all())).isZero();
    // The connection went back to the pool in a clean state.
    assertThat(store.tasks().create(TaskBase.of("after")).title()).isEqualTo("after");
  }

  @Test
  void anEmptyListInsertsNothingAndMakesNoRoundTrip() {
    RoundTrips.Counted<List<Long>> result = RoundTrips.counted(() -> store.tasks().createAll(List.of()));
    assertThat(result.value()).isEmpty();
    assertThat(result.roundTrips()).isZero();
  }

  @Test
  void aNullItemIsRefusedNamingItsIndex() {
    List<TaskBase> tasks = new ArrayList<>(List.of(TaskBase.of("a"), TaskBase.of("b")));
    tasks.add(null);
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> store.tasks().createAll(tasks));
    assertThat(e.field()).isEqualTo("tasks[2]");
    assertThat(store.tasks().count(TaskFilter.all())).isZero();
  }

  @Test
  void insideATransactionTheRowsRollBackWithIt() {
    List<TaskBase> tasks = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      tasks.add(TaskBase.of("t" + i));
    }
    RuntimeException boom = new IllegalStateException("boom");
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> store.useTransaction(tx -> {
      assertThat(tx.tasks().createAll(tasks)).hasSize(2_500);
      assertThat(tx.tasks().count(TaskFilter.all())).isEqualTo(2_500);
      throw boom;
    }));
    assertThat(thrown).isSameAs(boom);
    assertThat(store.tasks().count(TaskFilter.all())).isZero();
  }
}
