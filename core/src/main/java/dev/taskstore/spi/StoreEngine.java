package dev.taskstore.spi;

import dev.taskstore.PoolStats;
import dev.taskstore.Repositories;
import dev.taskstore.async.AsyncTaskStore;

/** What a {@link dev.taskstore.TaskStore} does, behind its public face. Not API. */
public interface StoreEngine extends Repositories {

  /** @return how many migrations ran */
  int migrate();

  /** @return the asynchronous API */
  AsyncTaskStore async();

  /** @return the pool's state */
  PoolStats poolStats();

  /** Closes the engine; calls afterwards fail with {@link dev.taskstore.ConnectionException}. */
  void close();
}
