package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partial updates: a field never set stays as it is, a field set to null is cleared. */
class TaskUpdateTest extends DatabaseTest {

  private static final Instant DUE = Instant.parse("2030-01-01T10:00:00Z");

  private UserRead ann;
  private TaskRead task;

  @BeforeEach
  void fullTask() {
    ann = store.users().create("ann@example.org");
    task = store.tasks().create(TaskBase.builder("Write report").description("numbers")
        .priority(Priority.HIGH).completed(false).dueDate(DUE).userId(ann.id()).build());
  }

  @Test
  void updateWithNullClearsDescriptionAndLeavesTheRestUntouched() {
    TaskRead updated = store.tasks().update(task.id(),
        TaskUpdate.builder().title("Call Ann").description(null).build());
    assertThat(updated).isEqualTo(new TaskRead(task.id(), "Call Ann", java.util.Optional.empty(),
        Priority.HIGH, false, task.dueDate(), task.createdAt(), task.userId(), updated.updatedAt(), 2));
    assertThat(updated.updatedAt()).isAfter(task.updatedAt());
    assertThat(store.tasks().get(task.id())).isEqualTo(updated);
  }

  @Test
  void updateWithNullClearsDueDateAndUser() {
    TaskRead updated = store.tasks().update(task.id(), TaskUpdate.builder().dueDate(null).userId(null).build());
    assertThat(updated.dueDate()).isEmpty();
    assertThat(updated.userId()).isEmpty();
    assertThat(updated.title()).isEqualTo(task.title());
    assertThat(updated.description()).isEqualTo(task.description());
  }

  @Test
  void updateOfEveryFieldAtOnce() {
    UserRead bob = store.users().create("bob@example.org");
    Instant due = Instant.parse("2040-02-03T04:05:06.789Z");
    TaskRead updated = store.tasks().update(task.id(), TaskUpdate.builder().title("New").description("text")
        .priority(Priority.LOW).completed(true).dueDate(due).userId(bob.id()).build());
    assertThat(updated).isEqualTo(new TaskRead(task.id(), "New", java.util.Optional.of("text"), Priority.LOW,
        true, java.util.Optional.of(due), task.createdAt(), java.util.Optional.of(bob.id()), updated.updatedAt(), 2));
  }

  @Test
  void settingADescriptionOnATaskWithoutOne() {
    TaskRead bare = store.tasks().create(TaskBase.of("bare"));
    assertThat(store.tasks().update(bare.id(), TaskUpdate.builder().description("now").build()).description())
        .contains("now");
  }

  @Test
  void emptyUpdateWritesNothingAndReturnsTheCurrentRow() {
    long versionBefore = rowVersion(task.id());
    TaskRead result = store.tasks().update(task.id(), TaskUpdate.empty());
    assertThat(result).isEqualTo(task);
    // An UPDATE, even to the same values, would make a new row version.
    assertThat(rowVersion(task.id())).isEqualTo(versionBefore);
  }

  @Test
  void updateOfAMissingTaskThrowsNotFound() {
    NotFoundException e = catchThrowableOfType(NotFoundException.class,
        () -> store.tasks().update(999, TaskUpdate.builder().title("x").build()));
    assertThat(e.entity()).isEqualTo("task");
    assertThat(e.id()).isEqualTo(999);
  }

  @Test
  void emptyUpdateOfAMissingTaskThrowsNotFound() {
    NotFoundException e = catchThrowableOfType(NotFoundException.class,
        () -> store.tasks().update(999, TaskUpdate.empty()));
    assertThat(e.id()).isEqualTo(999);
  }

  @Test
  void settingTitlePriorityOrCompletedToNullIsAValidationErrorAndChangesNothing() {
    for (String field : new String[] {"title", "priority", "completed"}) {
      ValidationException e = catchThrowableOfType(ValidationException.class, () -> {
        TaskUpdate.Builder b = TaskUpdate.builder();
        switch (field) {
          case "title" -> b.title(null);
          case "priority" -> b.priority(null);
          default -> b.completed(null);
        }
        store.tasks().update(task.id(), b.build());
      });
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.reason()).isEqualTo("must not be null");
    }
    assertThat(store.tasks().get(task.id())).isEqualTo(task);
  }

  @Test
  void updateToAnUnknownUserIsAForeignKeyViolationAndChangesNothing() {
    ForeignKeyViolationException e = catchThrowableOfType(ForeignKeyViolationException.class,
        () -> store.tasks().update(task.id(), TaskUpdate.builder().title("x").userId(777L).build()));
    assertThat(e.constraintName()).contains("task_user_id_fkey");
    assertThat(store.tasks().get(task.id())).isEqualTo(task);
  }

  @Test
  void nullUpdateIsRejected() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> store.tasks().update(task.id(), null));
    assertThat(e.field()).isEqualTo("update");
  }

  private static long rowVersion(long id) {
    return TestDatabase.queryLong("SELECT xmin::text::bigint FROM task WHERE id = " + id);
  }
}
