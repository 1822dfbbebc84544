package dev.taskstore;

import java.util.List;

/**
 * A user with all the tasks it owns, read in one query.
 *
 * @param user the user
 * @param tasks its tasks in id order; empty when it has none
 */
public record UserWithTasks(UserRead user, List<TaskRead> tasks) {

  /**
   * Copies the list, so the record stays immutable.
   *
   * @param user the user
   * @param tasks its tasks in id order; empty when it has none
   */
  public UserWithTasks {
    tasks = List.copyOf(tasks);
  }
}
