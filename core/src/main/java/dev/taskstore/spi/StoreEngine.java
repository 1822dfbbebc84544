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

  /** @return the repositories with every call on the primary */
  Repositories onPrimary();

  /** @return the repositories with reads from any replica, however stale */
  Repositories allowingStaleReads();

  /**
   * @param token a consistency token
   * @return the repositories with reads that see the token's writes
   */
  Repositories withConsistency(String token);

  /** @return the consistency token of the latest acknowledged write */
  String consistencyToken();

  /** @return the replicas' state */
  dev.taskstore.ReplicaStats replicaStats();

  /** Closes the engine; calls afterwards fail with {@link dev.taskstore.ConnectionException}. */
  void close();
}
