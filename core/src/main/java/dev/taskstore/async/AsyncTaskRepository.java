package dev.taskstore.async;

import dev.taskstore.Page;
import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskRepository;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TaskWithUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link TaskRepository}, asynchronously: each method does what the blocking method of the same name does and
 * completes exceptionally with the exception that one throws (see its documentation).
 */
public interface AsyncTaskRepository {

  /**
   * See {@link TaskRepository#create(TaskBase)}.
   *
   * @param task what to create
   * @return the stored task
   */
  CompletableFuture<TaskRead> create(TaskBase task);

  /**
   * See {@link TaskRepository#createAll(List)}.
   *
   * @param tasks what to create
   * @return the new ids, in the order of {@code tasks}
   */
  CompletableFuture<List<Long>> createAll(List<TaskBase> tasks);

  /**
   * See {@link TaskRepository#findById(long)}.
   *
   * @param id the task's id
   * @return the task, or empty
   */
  CompletableFuture<Optional<TaskRead>> findById(long id);

  /**
   * See {@link TaskRepository#get(long)}.
   *
   * @param id the task's id
   * @return the task; fails with {@link dev.taskstore.NotFoundException} when there is none
   */
  CompletableFuture<TaskRead> get(long id);

  /**
   * See {@link TaskRepository#update(long, TaskUpdate)}.
   *
   * @param id the task's id
   * @param update the fields to change
   * @return the updated task
   */
  CompletableFuture<TaskRead> update(long id, TaskUpdate update);

  /**
   * See {@link TaskRepository#update(long, TaskUpdate, long)}: fails with
   * {@link dev.taskstore.StaleVersionException} when the task is at another version.
   *
   * @param id the task's id
   * @param update the fields to change
   * @param expectedVersion the version the caller read; at least 1
   * @return the updated task
   */
  CompletableFuture<TaskRead> update(long id, TaskUpdate update, long expectedVersion);

  /**
   * See {@link TaskRepository#delete(long)}.
   *
   * @param id the task's id
   * @return true when a row was deleted
   */
  CompletableFuture<Boolean> delete(long id);

  /**
   * See {@link TaskRepository#findWithUser(long)}.
   *
   * @param id the task's id
   * @return the task and its user, or empty
   */
  CompletableFuture<Optional<TaskWithUser>> findWithUser(long id);

  /**
   * See {@link TaskRepository#list(TaskQuery)}.
   *
   * @param query filter, sort, page size and position
   * @return the page
   */
  CompletableFuture<Page<TaskRead>> list(TaskQuery query);

  /**
   * See {@link TaskRepository#listWithUsers(TaskQuery)}.
   *
   * @param query filter, sort, page size and position
   * @return the page
   */
  CompletableFuture<Page<TaskWithUser>> listWithUsers(TaskQuery query);

  /**
   * See {@link TaskRepository#count(TaskFilter)}.
   *
   * @param filter which tasks
   * @return how many match
   */
  CompletableFuture<Long> count(TaskFilter filter);

  /**
   * See {@link TaskRepository#countByPriority(TaskFilter)}.
   *
   * @param filter which tasks
   * @return a count for every priority
   */
  CompletableFuture<Map<Priority, Long>> countByPriority(TaskFilter filter);
}
