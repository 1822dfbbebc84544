package dev.taskstore.examples;

import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskUpdate;
import java.time.Instant;
import java.util.List;

/**
 * The tasks both quickstarts create and the update they apply, so that the blocking {@link Quickstart} and the
 * {@link AsyncQuickstart} walk through the same rows and print the same results.
 */
final class WalkThrough {

  /** The index in {@link #bulk} of "Book the team offsite", the task that is deleted. */
  static final int OFFSITE = 1;

  /** The index in {@link #bulk} of "Water the office plants", the task without a user. */
  static final int PLANTS = 3;

  /** A fixed due date, so that the output is the same on every run. */
  private static final Instant DUE = Instant.parse("2030-01-15T09:00:00Z");

  private WalkThrough() {}

  /** The task created on its own: every field set, so that the partial update shows what it leaves alone. */
  static TaskBase report(long annId) {
    return TaskBase.builder("Write the quarterly report")
        .description("numbers from finance")
        .priority(Priority.HIGH)
        .dueDate(DUE)
        .userId(annId)
        .build();
  }

  /** The four tasks created in one bulk insert: two completed, one without a user. */
  static List<TaskBase> bulk(long annId, long bobId) {
    return List.of(
        TaskBase.builder("Review pull requests").priority(Priority.HIGH).completed(true).userId(bobId).build(),
        TaskBase.builder("Book the team offsite").userId(annId).build(),
        TaskBase.builder("Update the runbook").priority(Priority.LOW).completed(true).userId(bobId).build(),
        TaskBase.of("Water the office plants"));
  }

  /** The partial update of {@link #report}: a new title, the description cleared, every other field untouched. */
  static TaskUpdate renameReport() {
    return TaskUpdate.builder()
        .title("Write the Q4 report")
        .description(null)
        .build();
  }
}
