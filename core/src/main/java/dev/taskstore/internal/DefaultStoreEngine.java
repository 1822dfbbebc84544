package dev.taskstore.internal;

import dev.taskstore.ConnectionException;
import dev.taskstore.JdbcCallback;
import dev.taskstore.PoolStats;
import dev.taskstore.ReplicaStats;
import dev.taskstore.Repositories;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TransactionCallback;
import dev.taskstore.TransactionOptions;
import dev.taskstore.async.AsyncTaskStore;
import dev.taskstore.spi.Checks;
import dev.taskstore.spi.StoreEngine;
import dev.taskstore.spi.StoreEngineFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine of a store: its connections, repositories, transactions and asynchronous runner. Not public API. */
public final class DefaultStoreEngine implements StoreEngine, RepositoriesOf {

  private static final Logger log = LoggerFactory.getLogger(DefaultStoreEngine.class);

  private final TaskStoreConfig config;
  private final Database db;
  private final RepositorySet repositories;
  private final TransactionRunner transactions;
  private final AsyncRunner asyncRunner;
  private final AsyncTaskStore async;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final RoutedAccess onPrimary;
  private final RoutedAccess allowingStaleReads;

  private DefaultStoreEngine(TaskStoreConfig config) {
    this.config = config;
    this.db = new Database(config);
    this.repositories = RepositorySet.over(db);
    this.transactions = db.transactions();
    this.asyncRunner = new AsyncRunner(config, db.translator(), db.observer());
    this.async = new ExecutorTaskStore(this, asyncRunner);
    this.onPrimary = new RoutedAccess(db, RoutedAccess.Mode.PRIMARY, 0);
    this.allowingStaleReads = new RoutedAccess(db, RoutedAccess.Mode.STALE, 0);
  }

  /** The factory {@link java.util.ServiceLoader} finds (see {@code META-INF/services}). */
  public static final class Factory implements StoreEngineFactory {
    @Override
    public StoreEngine open(TaskStoreConfig config) {
      return new DefaultStoreEngine(config);
    }
  }

  @Override
  public RepositorySet repositories() {
    return repositories;
  }

  @Override
  public int migrate() {
    if (closed.get()) {
      throw new ConnectionException("the store is closed", null, null);
    }
    int ran = db.observed(Op.MIGRATE, () -> Migrations.migrate(db.migrationDataSource(), config.schema(),
        db::failure));
    if (ran > 0) {
      db.replaceConnections();
    }
    return ran;
  }

  @Override
  public <T> T jdbc(JdbcCallback<T> work) {
    Checks.required("work", work);
    return transactions.run(TransactionOptions.defaults(), tx -> tx.jdbc(work));
  }

  @Override
  public <T> T inTransaction(TransactionOptions options, TransactionCallback<T> block) {
    return transactions.run(options, block);
  }

  @Override
  public AsyncTaskStore async() {
    return async;
  }

  @Override
  public Repositories onPrimary() {
    return onPrimary;
  }

  @Override
  public Repositories allowingStaleReads() {
    return allowingStaleReads;
  }

  @Override
  public Repositories withConsistency(String token) {
    return new RoutedAccess(db, RoutedAccess.Mode.CONSISTENT, Lsn.parse(token));
  }

  @Override
  public String consistencyToken() {
    return db.consistencyToken();
  }

  @Override
  public ReplicaStats replicaStats() {
    return db.replicaStats();
  }

  @Override
  public PoolStats poolStats() {
    return db.poolStats();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      int unfinished = asyncRunner.close(config.shutdownTimeout());
      if (unfinished > 0) {
        log.warn("closing store '{}' with {} asynchronous calls unfinished after shutdownTimeout={} ms: they "
            + "fail with ConnectionException", config.poolName(), unfinished, config.shutdownTimeout().toMillis());
      }
      db.close();
    }
  }
}
