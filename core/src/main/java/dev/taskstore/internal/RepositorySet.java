package dev.taskstore.internal;

import dev.taskstore.TaskRepository;
import dev.taskstore.TeamRepository;
import dev.taskstore.UserRepository;

/**
 * The three repositories over one {@link SqlAccess}. Not public API.
 *
 * @param tasks the task repository
 * @param users the user repository
 * @param teams the team repository
 */
public record RepositorySet(TaskRepository tasks, UserRepository users, TeamRepository teams) {

  /** Repositories that reach the database through {@code sql}. */
  public static RepositorySet over(SqlAccess sql) {
    JooqTaskRepository tasks = new JooqTaskRepository(sql);
    return new RepositorySet(tasks, new JooqUserRepository(sql, tasks), new JooqTeamRepository(sql));
  }
}
