package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest extends DatabaseTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void anExhaustedPoolFailsWithAConnectionExceptionThatSaysSoAndGivesItsSize() throws Exception {
    // Own threads: the common pool may have a single thread, and these callers block.
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try (TaskStore two = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(2)
        .connectionTimeout(Duration.ofMillis(500)).poolName("exhausted").build())) {
      CountDownLatch holding = new CountDownLatch(2);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<?>[] holders = new CompletableFuture<?>[2];
      for (int i = 0; i < 2; i++) {
        holders[i] = CompletableFuture.runAsync(() -> two.useTransaction(tx -> {
          tx.tasks().count(TaskFilter.all());
          holding.countDown();
          TestSql.await(release);
        }), callers);
      }
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(two.poolStats()).isEqualTo(new PoolStats(2, 0, 0, 2, 2));

      CompletableFuture<Throwable> third = CompletableFuture.supplyAsync(() -> {
        try {
          two.tasks().count(TaskFilter.all());
          return null;
        } catch (RuntimeException e) {
          return e;
        }
      }, callers);
      TestSql.await("a caller waiting in the pool", WAIT, () -> two.poolStats().waiting() == 1);
      Throwable failure = third.get(10, TimeUnit.SECONDS);
      release.countDown();
      CompletableFuture.allOf(holders).join();

      assertThat(failure).isInstanceOf(ConnectionException.class)
          .hasMessageContaining("connection pool exhausted")
          .hasMessageContaining("maximumPoolSize=2")
          .hasMessageContaining("active=2");
      assertThat(((ConnectionException) failure).sqlState()).isEmpty();
      assertThat(two.poolStats()).isEqualTo(new PoolStats(0, 2, 0, 2, 2));
    } finally {
      callers.shutdown();
    }
  }

  @Test
  void aStatementPastTheStatementTimeoutFailsAndItsConnectionStaysUsable() throws Exception {
    try (TaskStore timed = TaskStore.open(TestDatabase.config().minimumIdle(1).maximumPoolSize(1)
        .statementTimeout(Duration.ofMillis(300)).poolName("statement-timeout").build())) {
      long pid = timed.inTransaction(TestSql::backendPid);
      try (Connection locker = TestDatabase.connect(); Statement s = locker.createStatement()) {
        locker.setAutoCommit(false);
        s.execute("LOCK TABLE task, task_count IN ACCESS EXCLUSIVE MODE"); // counts read task_count (V5)
        long start = System.nanoTime();
        assertThatThrownBy(() -> timed.tasks().count(TaskFilter.all()))
            .isInstanceOfSatisfying(QueryTimeoutException.class,
                e -> assertThat(e.sqlState()).contains("57014"));
        assertThat(TestSql.millisSince(start)).isBetween(250L, 5_000L);
        assertThat(timed.async().tasks().count(TaskFilter.all()).handle((ok, e) -> e).join())
            .isInstanceOf(QueryTimeoutException.class);
        locker.rollback();
      }
      assertThat(timed.tasks().count(TaskFilter.all())).isZero();
      assertThat(timed.inTransaction(TestSql::backendPid)).as("the same connection, not replaced").isEqualTo(pid);
    }
  }

  @Test
  void connectionsKilledByTheServerAreEvictedAndTheNextCallsSucceed() throws Exception {
    String app = "terminated";
    try (TaskStore store2 = TaskStore.open(TestDatabase.config().minimumIdle(2).maximumPoolSize(2)
        .poolName(app).build())) {
      TestSql.await("2 connections", WAIT, () -> TestSql.backends(app) == 2);
      Set<Long> killed = new HashSet<>();
      killed.add(store2.inTransaction(TestSql::backendPid));
      TestDatabase.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
          + app + "'");
      // Unused for more than 500 ms, a connection is validated before it is lent: the dead ones are dropped.
      Thread.sleep(600);
      for (int i = 0; i < 5; i++) {
        assertThat(store2.tasks().count(TaskFilter.all())).isZero();
      }
      assertThat(store2.inTransaction(TestSql::backendPid)).isNotIn(killed);
      TestSql.await("the pool refilled", WAIT, () -> TestSql.backends(app) == 2);
    }
  }

  @Test
  void aCallWhoseConnectionIsKilledMidStatementFailsAndTheNextCallSucceeds() throws Exception {
    String app = "terminated-mid-call";
    try (TaskStore one = TaskStore.open(TestDatabase.config().minimumIdle(1).maximumPoolSize(1)
        .poolName(app).build())) {
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<Void> sleeping = one.async().inTransaction(tx -> {
        started.countDown();
        return TestSql.sleep(tx, 10);
      });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      TestSql.await("the sleep running", WAIT, () -> TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity "
          + "WHERE application_name = '" + app + "' AND query LIKE '%pg_sleep%' AND state = 'active'") == 1);
      TestDatabase.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
          + app + "'");
      Throwable failure = sleeping.handle((ok, e) -> e).get(10, TimeUnit.SECONDS);
      assertThat(failure).isInstanceOf(ConnectionException.class);
      // No wait: the broken connection was evicted when it failed, so the next call gets a new one.
      assertThat(one.tasks().count(TaskFilter.all())).isZero();
    }
  }
}
