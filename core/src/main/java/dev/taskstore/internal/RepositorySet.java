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
record RepositorySet(TaskRepository tasks, UserRepository users, TeamRepository teams) {

  /** Repositories whose calls are each a unit of work on {@code db}. */
  public static RepositorySet over(Database db) {
    return over(db, db.schemaSql());
  }

  /** Repositories that reach the database through {@code sql} with the statements of one schema. */
  static RepositorySet over(SqlAccess sql, SchemaSql statements) {
    JooqTaskRepository tasks = new JooqTaskRepository(sql, statements);
    return new RepositorySet(tasks, new JooqUserRepository(sql, statements.users(), tasks),
        new JooqTeamRepository(sql, statements.teams()));
  }
}
