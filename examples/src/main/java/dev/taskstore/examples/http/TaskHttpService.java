package dev.taskstore.examples.http;

import com.sun.net.httpserver.HttpServer;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small JSON API over taskstore on the JDK's built-in HTTP server, with Jackson:
 *
 * <pre>
 * POST   /users                          {"email": ...}                      201 user
 * GET    /users/{id}                                                          200 user with tasks
 * POST   /teams                          {"name": ...}                       201 team
 * PUT    /teams/{id}/members/{userId}                                         201 (new) or 200, team with members
 * POST   /tasks                          {"title": ..., "priority": ...}     201 task
 * GET    /tasks/{id}                                                          200 task with user
 * PATCH  /tasks/{id}                     absent field: kept; null: cleared   200 task
 * DELETE /tasks/{id}                                                          204
 * GET    /tasks?completed=&amp;priority=&amp;userId=&amp;limit=&amp;cursor=               200 page with nextCursor
 * GET    /tasks/count?completed=true                                          200 {"count": n}
 * </pre>
 *
 * <p>Errors are JSON that names the field, constraint or row: validation and integrity errors 400, a
 * duplicate email 409, a missing row or route 404, a wrong method 405 (see {@link ErrorResponses}).
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java
 * -Dexample=dev.taskstore.examples.http.TaskHttpService}. Settings from the environment: {@code PORT}
 * (default 8080; 0 picks a free port), {@code HOST} (default {@code localhost}, the service has no
 * authentication; {@code 0.0.0.0} to listen on every interface), and {@code DATABASE_URL} (default: the
 * embedded PostgreSQL). Ctrl+C stops it gracefully: requests in flight finish, new ones get 503.
 */
public final class TaskHttpService implements AutoCloseable {

  /** The port when {@code PORT} is not set. */
  public static final int DEFAULT_PORT = 8080;
  /** How long shutdown waits for requests in flight. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
  /** Threads serving requests; each holds at most one database connection at a time. */
  private static final int THREADS = 16;

  private static final Logger log = LoggerFactory.getLogger(TaskHttpService.class);

  private final HttpServer server;
  private final ShutdownGate gate;
  private final ExecutorService executor;
  private final TaskStore ownedStore;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private TaskHttpService(HttpServer server, ShutdownGate gate, ExecutorService executor, TaskStore ownedStore) {
    this.server = server;
    this.gate = gate;
    this.executor = executor;
    this.ownedStore = ownedStore;
  }

  /**
   * Starts the service as configured by the environment and serves until the JVM is stopped.
   *
   * @param args ignored
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    TaskHttpService service = launch(System.getenv(), System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "task-http-shutdown"));
    service.awaitStop();
  }

  /**
   * Opens a store from {@code env} ({@code DATABASE_URL}, else the embedded database), migrates it and
   * starts serving on {@code HOST}:{@code PORT}. The service owns the store: {@link #close()} closes it.
   *
   * @param env the environment: {@code PORT}, {@code HOST}, {@code DATABASE_URL} and friends
   * @param out where to say where it listens
   * @return the running service
   * @throws IllegalArgumentException when {@code PORT} is not a port number
   */
  public static TaskHttpService launch(Map<String, String> env, PrintStream out) {
    int port = port(env.get("PORT"));
    String host = env.getOrDefault("HOST", "localhost");
    TaskStore store = TaskStore.open(TaskStoreConfig.fromEnvironment(env).build());
    try {
      store.migrate();
      TaskHttpService service = start(store, host, port, true);
      out.println("task service listening on http://" + host + ":" + service.port()
          + "  (try: curl -s 'http://" + host + ":" + service.port() + "/tasks/count?completed=true')");
      return service;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Starts serving a store that the caller keeps and closes, on localhost.
   *
   * @param store a migrated store
   * @param port the port, or 0 for a free one
   * @return the running service
   */
  public static TaskHttpService start(TaskStore store, int port) {
    return start(store, "localhost", port, false);
  }

  private static TaskHttpService start(TaskStore store, String host, int port, boolean ownsStore) {
    UserRoutes users = new UserRoutes(store);
    TeamRoutes teams = new TeamRoutes(store);
    TaskRoutes tasks = new TaskRoutes(store);
    Router router = new Router()
        .add("POST", "/users", users::create)
        .add("GET", "/users/{id}", users::get)
        .add("POST", "/teams", teams::create)
        .add("PUT", "/teams/{id}/members/{userId}", teams::addMember)
        .add("POST", "/tasks", tasks::create)
        .add("GET", "/tasks", tasks::list)
        .add("GET", "/tasks/count", tasks::count)
        .add("GET", "/tasks/{id}", tasks::get)
        .add("PATCH", "/tasks/{id}", tasks::update)
        .add("DELETE", "/tasks/{id}", tasks::delete);
    ShutdownGate gate = new ShutdownGate(router);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, threadsNamed("task-http-"));
    server.createContext("/", gate);
    server.setExecutor(executor);
    server.start();
    return new TaskHttpService(server, gate, executor, ownsStore ? store : null);
  }

  /**
   * The port the service listens on (the one picked when started on port 0).
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Blocks until {@link #close()} has finished.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops gracefully: new requests get 503, requests in flight get up to {@link #SHUTDOWN_GRACE} to finish,
   * then the server stops and, when the service opened it, the store closes. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (!gate.drain(SHUTDOWN_GRACE)) {
        log.warn("requests still in flight after {} s; stopping anyway", SHUTDOWN_GRACE.toSeconds());
      }
      server.stop(0);
      executor.shutdown();
      executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdownNow();
      if (ownedStore != null) {
        ownedStore.close();
      }
      stopped.countDown();
    }
  }

  static int port(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through to the message that says what is accepted
    }
    throw new IllegalArgumentException("PORT must be a number from 0 to 65535, was '" + text + "'");
  }

  private static ThreadFactory threadsNamed(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> new Thread(r, prefix + n.incrementAndGet());
  }
}
