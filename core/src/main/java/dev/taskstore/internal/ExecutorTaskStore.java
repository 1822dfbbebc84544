package dev.taskstore.internal;

import dev.taskstore.Repositories;
import dev.taskstore.TransactionCallback;
import dev.taskstore.TransactionOptions;
import dev.taskstore.async.AsyncTaskRepository;
import dev.taskstore.async.AsyncTaskStore;
import dev.taskstore.async.AsyncTeamRepository;
import dev.taskstore.async.AsyncUserRepository;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous API over a store's blocking repositories: every call is the blocking call, run by an
 * {@link AsyncRunner}. Not public API.
 */
final class ExecutorTaskStore implements AsyncTaskStore {

  private final Repositories blocking;
  private final AsyncRunner runner;
  private final AsyncTaskRepository tasks;
  private final AsyncUserRepository users;
  private final AsyncTeamRepository teams;

  /** The asynchronous face of {@code blocking}, run by {@code runner}. */
  public ExecutorTaskStore(Repositories blocking, AsyncRunner runner) {
    this.blocking = blocking;
    this.runner = runner;
    this.tasks = new ExecutorTaskRepository(blocking.tasks(), runner);
    this.users = new ExecutorUserRepository(blocking.users(), runner);
    this.teams = new ExecutorTeamRepository(blocking.teams(), runner);
  }

  @Override
  public AsyncTaskRepository tasks() {
    return tasks;
  }

  @Override
  public AsyncUserRepository users() {
    return users;
  }

  @Override
  public AsyncTeamRepository teams() {
    return teams;
  }

  @Override
  public <T> CompletableFuture<T> inTransaction(TransactionOptions options, TransactionCallback<T> block) {
    return runner.submit(() -> blocking.inTransaction(options, block));
  }
}
