package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * updated_at and version are the database's (schema V2): set on insert, raised on every update by a trigger,
 * whoever writes. A writer that knows nothing of V2 (the SQLModel guide's {@code Task} model, plain SQL) still
 * inserts and updates, and its rows carry correct values.
 */
class TaskVersionTest extends DatabaseTest {

  @Test
  void aNewTaskIsAtVersionOneUpdatedWhenCreated() {
    TaskRead task = store.tasks().create(TaskBase.of("new"));

    assertThat(task.version()).isEqualTo(1);
    assertThat(task.updatedAt()).isEqualTo(task.createdAt());
    assertThat(store.tasks().get(task.id())).isEqualTo(task);
  }

  @Test
  void everyUpdateRaisesTheVersionAndMovesUpdatedAtForward() {
    TaskRead task = store.tasks().create(TaskBase.of("new"));

    TaskRead once = store.tasks().update(task.id(), TaskUpdate.builder().title("once").build());
    TaskRead twice = store.tasks().update(task.id(), TaskUpdate.builder().completed(true).build());

    assertThat(once.version()).isEqualTo(2);
    assertThat(twice.version()).isEqualTo(3);
    assertThat(once.updatedAt()).isAfter(task.updatedAt());
    assertThat(twice.updatedAt()).isAfter(once.updatedAt());
    assertThat(twice.createdAt()).isEqualTo(task.createdAt());
    assertThat(store.tasks().get(task.id())).isEqualTo(twice);
  }

  @Test
  void anEmptyUpdateWritesNothingAndKeepsTheVersion() {
    TaskRead task = store.tasks().create(TaskBase.of("new"));

    assertThat(store.tasks().update(task.id(), TaskUpdate.empty())).isEqualTo(task);
  }

  /** The guide's SQLModel {@code Task}: INSERT and UPDATE of its own columns only, as plain SQL. */
  @Test
  void aWriterThatKnowsNothingOfVersionTwoGetsCorrectValues() {
    TestDatabase.execute("INSERT INTO task (title, description, priority, completed, due_date, user_id) "
        + "VALUES ('from SQLModel', NULL, 'high', false, NULL, NULL)");
    long id = TestDatabase.queryLong("SELECT id FROM task WHERE title = 'from SQLModel'");
    TaskRead inserted = store.tasks().get(id);
    assertThat(inserted.version()).isEqualTo(1);
    assertThat(inserted.updatedAt()).isEqualTo(inserted.createdAt());

    TestDatabase.execute("UPDATE task SET title = 'edited', completed = true WHERE id = " + id);
    TestDatabase.execute("UPDATE task SET priority = 'low' WHERE id = " + id);

    TaskRead updated = store.tasks().get(id);
    assertThat(updated.title()).isEqualTo("edited");
    assertThat(updated.version()).isEqualTo(3);
    assertThat(updated.updatedAt()).isAfter(inserted.updatedAt());
    assertThat(updated.createdAt()).isEqualTo(inserted.createdAt());
  }

  /** The database keeps the columns: a writer cannot set the version back, nor updated_at to what it likes. */
  @Test
  void aWriterCannotSetVersionOrUpdatedAtByHand() {
    TaskRead task = store.tasks().create(TaskBase.of("new"));

    TestDatabase.execute("UPDATE task SET version = 1, updated_at = '2000-01-01Z' WHERE id = " + task.id());

    TaskRead after = store.tasks().get(task.id());
    assertThat(after.version()).isEqualTo(2);
    assertThat(after.updatedAt()).isAfter(Instant.parse("2000-01-01T00:00:00Z")).isAfter(task.updatedAt());
  }

  /** ON DELETE SET NULL of the task's user is an update of the task too. */
  @Test
  void deletingTheUserIsAnUpdateOfItsTasks() {
    UserRead ann = store.users().create("ann@example.org");
    TaskRead task = store.tasks().create(TaskBase.builder("hers").userId(ann.id()).build());

    store.users().delete(ann.id());

    TaskRead after = store.tasks().get(task.id());
    assertThat(after.userId()).isEmpty();
    assertThat(after.version()).isEqualTo(2);
  }

  @Test
  void bulkCreatedTasksAreAtVersionOne() {
    var ids = store.tasks().createAll(java.util.List.of(TaskBase.of("a"), TaskBase.of("b")));

    for (long id : ids) {
      TaskRead t = store.tasks().get(id);
      assertThat(t.version()).isEqualTo(1);
      assertThat(t.updatedAt()).isEqualTo(t.createdAt());
    }
  }
}
