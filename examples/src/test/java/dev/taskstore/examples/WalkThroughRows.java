package dev.taskstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.Priority;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.UserRead;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What the {@link WalkThrough} leaves in the database, whichever quickstart ran it. */
final class WalkThroughRows {

  private WalkThroughRows() {}

  /**
   * Checks the rows one run leaves on an emptied database: the report renamed with its description cleared
   * and every other field as created, the offsite task deleted, the team with both users.
   */
  static void assertStoredByOneRun(TaskStore store) {
    TaskRead updated = store.tasks().get(1);
    assertThat(updated.title()).isEqualTo("Write the Q4 report");
    assertThat(updated.description()).isEmpty();
    assertThat(updated.priority()).isEqualTo(Priority.HIGH);
    assertThat(updated.dueDate()).contains(Instant.parse("2030-01-15T09:00:00Z"));
    assertThat(updated.userId()).isEqualTo(Optional.of(1L));
    assertThat(store.tasks().findById(3)).isEmpty();
    assertThat(store.teams().members(1)).extracting(UserRead::email)
        .containsExactly("ann@example.org", "bob@example.org");
    assertThat(store.users().countTasksPerUser(TaskFilter.all())).isEqualTo(Map.of(1L, 1L, 2L, 2L));
  }
}
