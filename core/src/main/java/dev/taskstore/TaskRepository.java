package dev.taskstore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tasks: create, read, update, delete, list, count. Obtained from {@link TaskStore#tasks()} (each call its
 * own transaction) or {@link Transaction#tasks()} (all calls in the caller's transaction). Every call is one
 * round trip to the database. Every method may also throw {@link ConnectionException} and
 * {@link QueryTimeoutException}.
 *
 * <p>Ids: an id passed as an argument that is zero or negative names no row and is treated like any unknown
 * id (empty, false or {@link NotFoundException}); an id inside a record ({@code TaskBase.userId},
 * {@code TaskFilter.userId}, {@code TaskUpdate.userId}) must be positive, else {@link ValidationException}.
 */
public interface TaskRepository {

  /**
   * Inserts a task and returns it as stored, with its id, {@code created_at}, {@code updated_at} and version 1.
   *
   * <p>With an {@linkplain TaskBase#idempotencyKey() idempotency key}, the create is safe to retry: when a task
   * with that key exists, nothing is inserted and that task is returned as it is now (possibly updated since),
   * provided the earlier create asked for the same content; concurrent creates with one key store one row and
   * all return it. Still one statement ({@code INSERT … ON CONFLICT DO NOTHING} beside a read of the key).
   *
   * @param task what to create
   * @return the stored task, or the task stored earlier with the same idempotency key
   * @throws ForeignKeyViolationException when {@code userId} names no user ({@code task_user_id_fkey})
   * @throws IdempotencyConflictException when the idempotency key was used before with different content
   */
  TaskRead create(TaskBase task);

  /**
   * Inserts many tasks at once, all or nothing: when one row fails, none is stored. Fast for tens of
   * thousands of rows (multi-row statements, not one statement per row).
   *
   * <p>Idempotency keys are stored, but a batch is not deduplicated against earlier creates: a key that a stored
   * task has already fails the whole batch with a {@link UniqueViolationException} of constraint
   * {@code task_idempotency_key} (so a retried batch that had committed fails instead of storing twice), and
   * two tasks of the batch with one key are refused before any SQL.
   *
   * @param tasks what to create; may be empty
   * @return the new ids, in the order of {@code tasks}
   * @throws ForeignKeyViolationException when a {@code userId} names no user; nothing is stored
   * @throws UniqueViolationException when a stored task has the idempotency key of one of {@code tasks};
   *     nothing is stored
   * @throws ValidationException when two of {@code tasks} have the same idempotency key
   */
  List<Long> createAll(List<TaskBase> tasks);

  /**
   * Reads a task.
   *
   * @param id the task's id
   * @return the task, or empty when there is none with that id
   */
  Optional<TaskRead> findById(long id);

  /**
   * Reads a task that must exist.
   *
   * @param id the task's id
   * @return the task
   * @throws NotFoundException when there is none with that id
   */
  TaskRead get(long id);

  /**
   * Applies a partial update and returns the task as it now is. Fields the update does not set stay as they
   * are; an empty update writes nothing and returns the current row.
   *
   * @param id the task's id
   * @param update the fields to change
   * @return the updated task
   * @throws NotFoundException when there is no task with that id
   * @throws ForeignKeyViolationException when the new {@code userId} names no user
   */
  TaskRead update(long id, TaskUpdate update);

  /**
   * Applies a partial update only if the task is still at {@code expectedVersion} (optimistic locking): the
   * version the caller read in {@link TaskRead#version()}. The check and the write are one statement; the
   * database then raises the version by one. An empty update writes nothing but still checks the version.
   *
   * <pre>{@code
   * TaskRead read = tasks.get(id);
   * try {
   *   tasks.update(id, TaskUpdate.builder().completed(true).build(), read.version());
   * } catch (StaleVersionException e) {
   *   // someone else changed it: e.currentVersion() says to what; read again and decide
   * }
   * }</pre>
   *
   * @param id the task's id
   * @param update the fields to change
   * @param expectedVersion the version the caller read; at least 1
   * @return the updated task, at version {@code expectedVersion + 1} (or {@code expectedVersion} when the update
   *     is empty)
   * @throws StaleVersionException when the task is at another version; nothing was written
   * @throws NotFoundException when there is no task with that id
   * @throws ValidationException when {@code expectedVersion} is not positive
   * @throws ForeignKeyViolationException when the new {@code userId} names no user
   */
  TaskRead update(long id, TaskUpdate update, long expectedVersion);

  /**
   * Deletes a task. Deleting an id that does not exist is not an error; the result tells.
   *
   * @param id the task's id
   * @return true when a row was deleted, false when there was none
   */
  boolean delete(long id);

  /**
   * Reads a task with its user, in one join (the guide's {@code select(Task, User).join(User)}).
   *
   * @param id the task's id
   * @return the task and its user (empty when it has none), or empty when there is no such task
   */
  Optional<TaskWithUser> findWithUser(long id);

  /**
   * Lists tasks, one page at a time.
   *
   * @param query filter, sort, page size and position
   * @return the page and, when more rows follow, the cursor to the next one
   * @throws ValidationException when the cursor is malformed, tampered with, or from another filter or sort
   */
  Page<TaskRead> list(TaskQuery query);

  /**
   * Lists tasks with their users, one page at a time, in one join per page.
   *
   * @param query filter, sort, page size and position
   * @return the page
   * @throws ValidationException when the cursor is malformed, tampered with, or from another filter or sort
   */
  Page<TaskWithUser> listWithUsers(TaskQuery query);

  /**
   * Counts tasks; {@code count(TaskFilter.completed(true))} is the guide's count of completed tasks.
   *
   * @param filter which tasks
   * @return how many match
   */
  long count(TaskFilter filter);

  /**
   * Counts tasks by priority.
   *
   * @param filter which tasks
   * @return a count for every priority, zero where none match, in {@link Priority} order
   */
  Map<Priority, Long> countByPriority(TaskFilter filter);
}
