package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Creating, reading and deleting single tasks. */
class TaskCrudTest extends DatabaseTest {

  @Test
  void createReturnsEveryFieldAsStoredWithIdAndCreationTime() {
    UserRead ann = store.users().create("ann@example.org");
    Instant due = Instant.parse("2031-05-06T07:08:09.123456Z");
    Instant before = Instant.now().minusSeconds(60);
    TaskRead t = store.tasks().create(TaskBase.builder("Write report").description("numbers")
        .priority(Priority.HIGH).completed(true).dueDate(due).userId(ann.id()).build());

    assertThat(t.id()).isPositive();
    assertThat(t.title()).isEqualTo("Write report");
    assertThat(t.description()).contains("numbers");
    assertThat(t.priority()).isEqualTo(Priority.HIGH);
    assertThat(t.completed()).isTrue();
    assertThat(t.dueDate()).contains(due);
    assertThat(t.userId()).contains(ann.id());
    assertThat(t.createdAt()).isAfter(before).isBefore(Instant.now().plusSeconds(60));
    assertThat(store.tasks().get(t.id())).isEqualTo(t);
  }

  @Test
  void createAppliesTheGuideDefaults() {
    TaskRead t = store.tasks().create(TaskBase.of("Plain"));
    assertThat(t.priority()).isEqualTo(Priority.MEDIUM);
    assertThat(t.completed()).isFalse();
    assertThat(t.description()).isEmpty();
    assertThat(t.dueDate()).isEmpty();
    assertThat(t.userId()).isEmpty();
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task WHERE priority = 'medium' AND NOT completed"
        + " AND description IS NULL AND due_date IS NULL AND user_id IS NULL")).isEqualTo(1);
  }

  @Test
  void prioritiesAreStoredAsTheGuideStoresThem() {
    for (Priority p : Priority.values()) {
      store.tasks().create(TaskBase.builder("t").priority(p).build());
    }
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task WHERE priority IN ('low', 'medium', 'high')"))
        .isEqualTo(3);
  }

  @Test
  void textAndInstantsComeBackExactly() {
    String title = "\uD83D\uDE00".repeat(500);
    String description = "Zürich — 東京 — \\ % _ ' \" \n\t".repeat(400).substring(0, 10_000);
    Instant due = Instant.parse("0001-01-01T00:00:00Z");
    TaskRead t = store.tasks().create(TaskBase.builder(title).description(description).dueDate(due).build());
    TaskRead back = store.tasks().get(t.id());
    assertThat(back.title()).isEqualTo(title);
    assertThat(back.description()).contains(description);
    assertThat(back.dueDate()).contains(due);

    Instant late = Instant.parse("9999-12-31T23:59:59.999999Z");
    assertThat(store.tasks().create(TaskBase.builder("t").dueDate(late).build()).dueDate()).contains(late);
  }

  @Test
  void findByIdOfAMissingTaskIsEmpty() {
    assertThat(store.tasks().findById(42)).isEmpty();
    assertThat(store.tasks().findById(-1)).isEmpty();
  }

  @Test
  void getOfAMissingTaskThrowsNotFoundNamingTheTaskAndId() {
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> store.tasks().get(42));
    assertThat(e.entity()).isEqualTo("task");
    assertThat(e.id()).isEqualTo(42);
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.sqlState()).isEmpty();
    assertThat(e.getMessage()).isEqualTo("task 42 not found");
  }

  @Test
  void deleteRemovesTheRowAndTellsWhetherThereWasOne() {
    TaskRead t = store.tasks().create(TaskBase.of("Gone soon"));
    TaskRead kept = store.tasks().create(TaskBase.of("Kept"));
    assertThat(store.tasks().delete(t.id())).isTrue();
    assertThat(store.tasks().findById(t.id())).isEmpty();
    assertThat(store.tasks().delete(t.id())).isFalse();
    assertThat(store.tasks().get(kept.id())).isEqualTo(kept);
  }

  @Test
  void idsAreAssignedByTheDatabaseInInsertOrder() {
    long first = store.tasks().create(TaskBase.of("a")).id();
    long second = store.tasks().create(TaskBase.of("b")).id();
    assertThat(second).isGreaterThan(first);
  }
}
