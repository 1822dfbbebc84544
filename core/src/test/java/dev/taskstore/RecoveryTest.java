package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarts under a running store: its own embedded server on a kept data directory and a fixed
 * port, stopped and started again, never the shared one.
 */
class RecoveryTest {

  /** Above HikariCP's longest pause between reconnection attempts (5 s), so a waiting call outlives it. */
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(6);

  @TempDir
  Path dir;

  @Test
  void theStoreRecoversByItselfWhenPostgresqlRestarts() throws Exception {
    Path data = dir.resolve("pgdata");
    int port = TestSql.freePort();
    EmbeddedDatabase server = EmbeddedDatabase.start(data, port);
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(server.jdbcUrl()).minimumIdle(4)
        .maximumPoolSize(8).connectionTimeout(CONNECTION_TIMEOUT).poolName("restart").build())) {
      store.migrate();
      store.users().create("ann@example.org");
      for (int i = 0; i < 20; i++) {
        store.tasks().count(TaskFilter.all());
      }

      // Three calls are running when the server goes down.
      CountDownLatch running = new CountDownLatch(3);
      List<CompletableFuture<Void>> inFlight = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        inFlight.add(store.async().inTransaction(tx -> {
          running.countDown();
          return TestSql.sleep(tx, 30);
        }));
      }
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200);
      server.close();
      for (CompletableFuture<Void> call : inFlight) {
        assertThat(call.handle((ok, e) -> e).get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectionException.class);
      }

      // While it is down, calls fail with ConnectionException within the connection timeout.
      long down = System.nanoTime();
      CompletableFuture<Long> asyncFailure = store.async().users().findByEmail("ann@example.org")
          .handle((ok, e) -> {
            assertThat(e).isInstanceOf(ConnectionException.class);
            return TestSql.millisSince(down);
          });
      assertThatThrownBy(() -> store.tasks().count(TaskFilter.all()))
          .isInstanceOfSatisfying(ConnectionException.class,
              e -> assertThat(e.getMessage()).startsWith("cannot connect to the database"));
      long failFastMillis = TestSql.millisSince(down);
      long asyncFailFastMillis = asyncFailure.join();
      System.out.printf("[measured] while PostgreSQL is down: a blocking call failed after %d ms, an async call "
          + "after %d ms (connectionTimeout %d ms)%n", failFastMillis, asyncFailFastMillis,
          CONNECTION_TIMEOUT.toMillis());
      assertThat(failFastMillis).isLessThanOrEqualTo(CONNECTION_TIMEOUT.toMillis() + 1_000);
      assertThat(asyncFailFastMillis).isLessThanOrEqualTo(CONNECTION_TIMEOUT.toMillis() + 1_000);

      // Back on the same data directory and port: the first calls succeed, with no restart of the store.
      server = EmbeddedDatabase.start(data, port);
      long back = System.nanoTime();
      assertThat(store.users().findByEmail("ann@example.org")).isPresent();
      long firstCallMillis = TestSql.millisSince(back);
      List<CompletableFuture<Long>> burst = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        burst.add(store.async().tasks().count(TaskFilter.all()));
      }
      for (CompletableFuture<Long> call : burst) {
        assertThat(call.join()).isZero();
      }
      long recoveredMillis = TestSql.millisSince(back);
      TestSql.await("the pool refilled", Duration.ofSeconds(15), () -> store.poolStats().idle() >= 4);
      System.out.printf("[measured] after PostgreSQL came back: first call succeeded after %d ms, 20 more calls "
          + "all succeeded by %d ms, pool refilled (%s) by %d ms%n", firstCallMillis, recoveredMillis,
          store.poolStats(), TestSql.millisSince(back));
      assertThat(firstCallMillis).isLessThan(CONNECTION_TIMEOUT.toMillis());
    } finally {
      server.close();
    }
  }
}
