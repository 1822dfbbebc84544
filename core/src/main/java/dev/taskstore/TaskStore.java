package dev.taskstore;

import dev.taskstore.async.AsyncTaskStore;
import dev.taskstore.spi.StoreEngine;
import dev.taskstore.spi.StoreEngineFactory;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: a connection source plus the repositories over it. Thread-safe; open one per database and
 * share it. Outside a transaction each repository call is its own unit of work.
 *
 * <pre>{@code
 * try (TaskStore store = TaskStore.open(TaskStoreConfig.fromEnvironment().build())) {
 *   store.migrate();
 *   UserRead ann = store.users().create("ann@example.org");
 *   TaskRead task = store.tasks().create(TaskBase.builder("Write report").userId(ann.id()).build());
 *   long done = store.tasks().count(TaskFilter.completed(true));
 * }
 * }</pre>
 */
public final class TaskStore implements Repositories, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TaskStore.class);

  /** The implementation, found once: the core jar provides it ({@code META-INF/services}, module-info). */
  private static final StoreEngineFactory ENGINES = ServiceLoader.load(StoreEngineFactory.class,
      TaskStore.class.getClassLoader()).findFirst().orElseThrow(() -> new IllegalStateException(
          "taskstore's engine is missing: the core jar's META-INF/services entry was not found"));

  private final TaskStoreConfig config;
  private final StoreEngine engine;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The embedded server this store started and stops, or null. */
  private final EmbeddedDatabase ownServer;

  private TaskStore(TaskStoreConfig config, EmbeddedDatabase ownServer) {
    this.config = config;
    this.ownServer = ownServer;
    this.engine = ENGINES.open(config);
  }

  /**
   * Opens a store. With a pool, connections are made in the background: opening succeeds even while the
   * database is unreachable, and calls fail with {@link ConnectionException} until it is back. With an
   * application's {@link TaskStoreConfig.Builder#dataSource DataSource}, the store takes its connections
   * from there. When the configuration {@linkplain TaskStoreConfig#usesEmbeddedDatabase() uses an embedded
   * database}, the store starts one now and stops it in {@link #close()}. With
   * {@link TaskStoreConfig#migrateOnOpen()}, runs {@link #migrate()} first.
   *
   * @param config the configuration
   * @return the open store
   * @throws TaskStoreException when migrating on open fails
   * @throws IllegalStateException when the embedded server fails to start
   */
  public static TaskStore open(TaskStoreConfig config) {
    Objects.requireNonNull(config, "config");
    EmbeddedDatabase server = config.usesEmbeddedDatabase() ? EmbeddedDatabase.start() : null;
    TaskStore store;
    try {
      store = new TaskStore(server == null ? config : config.withEmbeddedServer(server.jdbcUrl()), server);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
    if (config.migrateOnOpen()) {
      try {
        store.migrate();
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }
    log.debug("opened {}", config);
    return store;
  }

  /**
   * Applies the Flyway migrations bundled with taskstore ({@code dev/taskstore/migration} in the core jar)
   * that the database has not seen yet, in the configured {@linkplain TaskStoreConfig#schema() schema}
   * (created when missing), recorded in its history table {@code taskstore_schema_history} there. An
   * application's own Flyway with its defaults ({@code db/migration}, {@code flyway_schema_history}) never
   * sees these migrations. Safe to call on every start: when the schema is current it changes nothing.
   * Runs on its own short-lived connections, outside the pool and without the statement timeout (with an
   * application's DataSource, on that DataSource). When migrations ran, the pooled connections are replaced,
   * so that no statement prepared against the old schema is used again.
   *
   * @return how many migrations ran
   * @throws TaskStoreException when a migration fails (translated like any database error), or
   *     {@link DatabaseException} when the database's migration history disagrees with the bundled
   *     migrations
   */
  public int migrate() {
    return engine.migrate();
  }

  @Override
  public TaskRepository tasks() {
    return engine.tasks();
  }

  @Override
  public UserRepository users() {
    return engine.users();
  }

  @Override
  public TeamRepository teams() {
    return engine.teams();
  }

  @Override
  public <T> T jdbc(JdbcCallback<T> work) {
    return engine.jdbc(work);
  }

  /**
   * Runs a block in a transaction on one connection: commit when it returns, rollback when it throws (the
   * exception is rethrown unchanged). With {@link TransactionOptions#retries()} above zero, a block that fails
   * with {@link RetryableException} runs again from the start, so it must not have side effects outside the
   * database.
   */
  @Override
  public <T> T inTransaction(TransactionOptions options, TransactionCallback<T> block) {
    return engine.inTransaction(options, block);
  }

  /**
   * The same operations, asynchronously: each returns a {@link java.util.concurrent.CompletableFuture} that
   * completes on the store's executor with the result or with the exception the blocking call throws. At
   * most {@link TaskStoreConfig#asyncConcurrency()} asynchronous calls use connections at once; see
   * {@link AsyncTaskStore}.
   *
   * <pre>{@code
   * store.async().tasks().count(TaskFilter.completed(true)).thenAccept(done -> ...);
   * }</pre>
   *
   * @return the asynchronous API of this store
   */
  public AsyncTaskStore async() {
    return engine.async();
  }

  /**
   * The pool's state right now: connections lent out, idle, total, threads waiting in HikariCP, and the
   * maximum; all zeros in {@link PoolMode#NONE}. For time series, wire HikariCP's metrics with
   * {@link TaskStoreConfig.Builder#metricsTrackerFactory}.
   *
   * @return a snapshot
   */
  public PoolStats poolStats() {
    return engine.poolStats();
  }

  /**
   * This store's repositories with every call, reads and read-only transactions included, on the primary:
   * for a read that must see writes made elsewhere without a {@linkplain #consistencyToken() token}, or that
   * must not wait for a replica. Without replicas, the same as the store.
   *
   * @return repositories on the primary
   */
  public Repositories onPrimary() {
    return engine.onPrimary();
  }

  /**
   * This store's repositories with reads that accept staleness: a replica serves them at once, even when it has
   * not yet replayed the store's latest writes (it may lag up to {@link ReplicaConfig#maxLag()}). Writes and
   * read-write transactions still go to the primary. Without replicas, the same as the store.
   *
   * @return repositories whose reads may be stale
   */
  public Repositories allowingStaleReads() {
    return engine.allowingStaleReads();
  }

  /**
   * This store's repositories with reads that see every write acknowledged before {@code token} was taken, by
   * whichever store (another instance of the service) took it with {@link #consistencyToken()}, as well as
   * this store's own writes: a replica serves such a read once it has replayed them (waiting up to
   * {@link ReplicaConfig#maxWait()}), the primary otherwise.
   *
   * <pre>{@code
   * String token = instanceA.consistencyToken();          // after a write, sent to the client (a header)
   * instanceB.withConsistency(token).tasks().findById(id); // a later request, elsewhere: sees the write
   * }</pre>
   *
   * @param token a token from {@link #consistencyToken()}
   * @return repositories whose reads see the token's writes
   * @throws ValidationException naming {@code token} when it is not a consistency token
   */
  public Repositories withConsistency(String token) {
    return engine.withConsistency(token);
  }

  /**
   * An opaque token for every write this store has acknowledged so far (its position in the primary's
   * write-ahead log): pass it to {@link #withConsistency(String)} of any store on the same database. Kept only
   * by a store with {@linkplain TaskStoreConfig.Builder#replicas(ReplicaConfig) replicas}; otherwise the token
   * of the start of the log, which asks for nothing.
   *
   * @return the token, never null
   */
  public String consistencyToken() {
    return engine.consistencyToken();
  }

  /**
   * The read replicas' health and lag, and where reads went; empty without replicas.
   *
   * @return a snapshot
   */
  public ReplicaStats replicaStats() {
    return engine.replicaStats();
  }

  /**
   * The configuration this store was opened with (with the URL of the embedded server it started, if it
   * started one).
   *
   * @return the configuration
   */
  public TaskStoreConfig config() {
    return config;
  }

  /**
   * Closes the store: stops accepting asynchronous calls, waits up to
   * {@link TaskStoreConfig#shutdownTimeout()} for the asynchronous calls in flight, then closes the pool
   * (blocking calls still running then fail with {@link ConnectionException}) and the default executor, and
   * stops the embedded server the store started, if it started one. An application's DataSource is not
   * closed. Calls after close fail with {@link ConnectionException}. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      engine.close();
      if (ownServer != null) {
        ownServer.close();
      }
    }
  }
}
