package dev.taskstore.internal;

import dev.taskstore.FoundOrCreated;
import dev.taskstore.Page;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.UserCreate;
import dev.taskstore.UserRead;
import dev.taskstore.UserRepository;
import dev.taskstore.UserWithTasks;
import dev.taskstore.async.AsyncUserRepository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link AsyncUserRepository} as the blocking repository run by an {@link AsyncRunner}. Not public API. */
final class ExecutorUserRepository implements AsyncUserRepository {

  private final UserRepository users;
  private final AsyncRunner run;

  ExecutorUserRepository(UserRepository users, AsyncRunner run) {
    this.users = users;
    this.run = run;
  }

  @Override
  public CompletableFuture<UserRead> create(UserCreate user) {
    return run.submit(() -> users.create(user));
  }

  @Override
  public CompletableFuture<UserRead> create(String email) {
    return run.submit(() -> users.create(email));
  }

  @Override
  public CompletableFuture<FoundOrCreated<UserRead>> getOrCreate(UserCreate user) {
    return run.submit(() -> users.getOrCreate(user));
  }

  @Override
  public CompletableFuture<FoundOrCreated<UserRead>> getOrCreate(String email) {
    return run.submit(() -> users.getOrCreate(email));
  }

  @Override
  public CompletableFuture<Optional<UserRead>> findById(long id) {
    return run.submit(() -> users.findById(id));
  }

  @Override
  public CompletableFuture<UserRead> get(long id) {
    return run.submit(() -> users.get(id));
  }

  @Override
  public CompletableFuture<Optional<UserRead>> findByEmail(String email) {
    return run.submit(() -> users.findByEmail(email));
  }

  @Override
  public CompletableFuture<Boolean> delete(long id) {
    return run.submit(() -> users.delete(id));
  }

  @Override
  public CompletableFuture<Page<TaskRead>> tasksOf(long userId, TaskQuery query) {
    return run.submit(() -> users.tasksOf(userId, query));
  }

  @Override
  public CompletableFuture<Optional<UserWithTasks>> findWithTasks(long userId) {
    return run.submit(() -> users.findWithTasks(userId));
  }

  @Override
  public CompletableFuture<Map<Long, Long>> countTasksPerUser(TaskFilter filter) {
    return run.submit(() -> users.countTasksPerUser(filter));
  }
}
