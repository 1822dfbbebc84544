package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskstore.DatabaseTest;
import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TestDatabase;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.UserRead;
import dev.taskstore.ValidationException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A write that fails part-way leaves nothing behind: bulk inserts, transactions and updates. */
@Tag("reliability")
class AllOrNothingTest extends DatabaseTest {

  private static final long UNKNOWN_USER = 987_654_321L;

  @Test
  void createAllOfAThousandWithAnUnknownUserAtItem500InsertsNothing() {
    long user = store.users().create("owner@example.org").id();
    List<TaskBase> tasks = tasks(1_000, i -> TaskBase.builder("bulk " + i)
        .userId(i == 500 ? UNKNOWN_USER : user).build());

    ForeignKeyViolationException e = catchThrowableOfType(ForeignKeyViolationException.class,
        () -> store.tasks().createAll(tasks));

    assertThat(e.constraintName()).contains("task_user_id_fkey");
    assertThat(rows("task")).isZero();
  }

  @Test
  void createAllSpanningTwoStatementsRollsBackTheFirstWhenTheSecondFails() {
    long user = store.users().create("owner@example.org").id();
    // 25,000 rows are three INSERT statements of at most 10,000; the second one fails.
    List<TaskBase> tasks = tasks(25_000, i -> TaskBase.builder("bulk " + i)
        .userId(i == 15_000 ? UNKNOWN_USER : user).build());

    assertThatThrownBy(() -> store.tasks().createAll(tasks)).isInstanceOf(ForeignKeyViolationException.class);

    assertThat(rows("task")).isZero();
  }

  static Stream<Arguments> invalidItems() {
    return Stream.of(
        Arguments.of("NUL byte in the title", "title", (IntFunction<TaskBase>) i -> TaskBase.of("a\u0000b")),
        Arguments.of("over-long title", "title", (IntFunction<TaskBase>) i -> TaskBase.of("x".repeat(501))),
        Arguments.of("blank title", "title", (IntFunction<TaskBase>) i -> TaskBase.of(" \t ")),
        Arguments.of("lone surrogate in the description", "description",
            (IntFunction<TaskBase>) i -> TaskBase.builder("t").description("\uD800").build()),
        Arguments.of("due date after year 9999", "dueDate",
            (IntFunction<TaskBase>) i -> TaskBase.builder("t").dueDate(Instant.parse("+10000-01-01T00:00:00Z"))
                .build()),
        Arguments.of("null item", "tasks[500]", (IntFunction<TaskBase>) i -> null));
  }

  /**
   * Records validate when they are made, so an invalid task cannot sit in a list already built; the list here
   * makes item 500 only when createAll reads it, which is as late as a caller's mapping could fail.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidItems")
  void createAllOfAThousandWithAnInvalidItem500InsertsNothing(String name, String field,
      IntFunction<TaskBase> invalid) {
    List<TaskBase> lazy = new AbstractList<>() {
      @Override
      public TaskBase get(int i) {
        return i == 500 ? invalid.apply(i) : TaskBase.of("bulk " + i);
      }

      @Override
      public int size() {
        return 1_000;
      }
    };

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> store.tasks().createAll(lazy));

    assertThat(e.field()).isEqualTo(field);
    assertThat(rows("task")).isZero();
  }

  @Test
  void anExceptionInsideInTransactionLeavesNoRowsAndIsRethrownUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");

    Throwable thrown = catchThrowableOfType(IllegalStateException.class, () -> store.inTransaction(tx -> {
      UserRead ann = tx.users().create("ann@example.org");
      long team = tx.teams().create("team").id();
      tx.teams().addMember(team, ann.id());
      tx.tasks().create(TaskBase.builder("one").userId(ann.id()).build());
      tx.tasks().createAll(tasks(1_500, i -> TaskBase.of("bulk " + i)));
      throw boom;
    }));

    assertThat(thrown).isSameAs(boom);
    assertThat(rows("\"user\"") + rows("team") + rows("teamuserlink") + rows("task")).isZero();
  }

  @Test
  void aDatabaseErrorPartWayThroughATransactionRollsBackEverythingBeforeIt() {
    store.users().create("taken@example.org");

    assertThatThrownBy(() -> store.useTransaction(tx -> {
      tx.tasks().createAll(tasks(100, i -> TaskBase.of("bulk " + i)));
      tx.users().create("new@example.org");
      tx.users().create("TAKEN@example.org");
    })).isInstanceOf(UniqueViolationException.class);

    assertThat(rows("task")).isZero();
    assertThat(rows("\"user\"")).isEqualTo(1);
  }

  @Test
  void aFailedNestedTransactionIsUndoneAloneAndTheOuterOneCommits() {
    store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("kept"));
      assertThatThrownBy(() -> tx.inTransaction(inner -> inner.tasks().createAll(tasks(10, i ->
          TaskBase.builder("undone " + i).userId(i == 5 ? UNKNOWN_USER : null).build()))))
          .isInstanceOf(ForeignKeyViolationException.class);
      tx.tasks().create(TaskBase.of("kept too"));
    });

    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task WHERE title LIKE 'kept%'")).isEqualTo(2);
    assertThat(rows("task")).isEqualTo(2);
  }

  @Test
  void aFailedUpdateChangesNothing() {
    UserRead ann = store.users().create("ann@example.org");
    TaskRead before = store.tasks().create(TaskBase.builder("original").description("text")
        .priority(Priority.LOW).dueDate(Instant.parse("2030-01-01T00:00:00Z")).userId(ann.id()).build());

    // Every field changes, and the last one names no user: the whole update is refused.
    TaskUpdate update = TaskUpdate.builder().title("changed").description(null).priority(Priority.HIGH)
        .completed(true).dueDate(null).userId(UNKNOWN_USER).build();
    assertThatThrownBy(() -> store.tasks().update(before.id(), update))
        .isInstanceOf(ForeignKeyViolationException.class);
    assertThat(store.tasks().get(before.id())).isEqualTo(before);

    // The same inside a transaction whose later step fails: the earlier successful update is undone too.
    assertThatThrownBy(() -> store.useTransaction(tx -> {
      tx.tasks().update(before.id(), TaskUpdate.builder().title("changed in tx").completed(true).build());
      tx.tasks().update(before.id(), TaskUpdate.builder().userId(UNKNOWN_USER).build());
    })).isInstanceOf(ForeignKeyViolationException.class);
    assertThat(store.tasks().get(before.id())).isEqualTo(before);
  }

  private static List<TaskBase> tasks(int n, IntFunction<TaskBase> make) {
    List<TaskBase> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(make.apply(i));
    }
    return list;
  }

  private static long rows(String table) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + table);
  }
}
