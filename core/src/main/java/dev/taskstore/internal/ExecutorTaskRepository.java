package dev.taskstore.internal;

import dev.taskstore.NotFoundException;
import dev.taskstore.Page;
import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskRepository;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TaskWithUser;
import dev.taskstore.async.AsyncTaskRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** {@link AsyncTaskRepository} as the blocking repository run by an {@link AsyncRunner}. Not public API. */
final class ExecutorTaskRepository implements AsyncTaskRepository {

  private final TaskRepository tasks;
  private final AsyncRunner run;
  /** Reads by id that waited together, in one round trip; null when the repository cannot batch them. */
  private final AsyncRunner.ReadBatch<TaskRead> byIds;

  ExecutorTaskRepository(TaskRepository tasks, AsyncRunner run) {
    this.tasks = tasks;
    this.run = run;
    this.byIds = tasks instanceof JooqTaskRepository own ? own::findByIds : null;
  }

  @Override
  public CompletableFuture<TaskRead> create(TaskBase task) {
    return run.submit(() -> tasks.create(task));
  }

  @Override
  public CompletableFuture<List<Long>> createAll(List<TaskBase> all) {
    return run.submit(() -> tasks.createAll(all));
  }

  @Override
  public CompletableFuture<Optional<TaskRead>> findById(long id) {
    if (byIds == null) {
      return run.submit(() -> tasks.findById(id));
    }
    return run.submitRead(byIds, id, () -> tasks.findById(id), Function.identity());
  }

  @Override
  public CompletableFuture<TaskRead> get(long id) {
    if (byIds == null) {
      return run.submit(() -> tasks.get(id));
    }
    return run.submitRead(byIds, id, () -> tasks.get(id),
        found -> found.orElseThrow(() -> new NotFoundException("task", id)));
  }

  @Override
  public CompletableFuture<TaskRead> update(long id, TaskUpdate update) {
    return run.submit(() -> tasks.update(id, update));
  }

  @Override
  public CompletableFuture<TaskRead> update(long id, TaskUpdate update, long expectedVersion) {
    return run.submit(() -> tasks.update(id, update, expectedVersion));
  }

  @Override
  public CompletableFuture<Boolean> delete(long id) {
    return run.submit(() -> tasks.delete(id));
  }

  @Override
  public CompletableFuture<Optional<TaskWithUser>> findWithUser(long id) {
    return run.submit(() -> tasks.findWithUser(id));
  }

  @Override
  public CompletableFuture<Page<TaskRead>> list(TaskQuery query) {
    return run.submit(() -> tasks.list(query));
  }

  @Override
  public CompletableFuture<Page<TaskWithUser>> listWithUsers(TaskQuery query) {
    return run.submit(() -> tasks.listWithUsers(query));
  }

  @Override
  public CompletableFuture<Long> count(TaskFilter filter) {
    return run.submit(() -> tasks.count(filter));
  }

  @Override
  public CompletableFuture<Map<Priority, Long>> countByPriority(TaskFilter filter) {
    return run.submit(() -> tasks.countByPriority(filter));
  }
}
