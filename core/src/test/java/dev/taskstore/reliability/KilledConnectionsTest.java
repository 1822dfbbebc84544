package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.ConnectionException;
import dev.taskstore.DatabaseTest;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TestDatabase;
import dev.taskstore.TestSql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every pooled connection's server process is terminated ({@code pg_terminate_backend}), as a failover, an
 * administrator or an idle-session killer does. The calls in flight fail with {@link ConnectionException} and
 * leave nothing behind; the pool replaces its dead idle connections at once, so the next hundred calls all
 * succeed without the store being reopened.
 */
@Tag("reliability")
class KilledConnectionsTest extends DatabaseTest {

  private static final String POOL = "reliability-kill";
  private static final int POOL_SIZE = 8;
  private static final int IN_FLIGHT = 2;
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void afterEveryPooledBackendIsTerminatedTheStoreServesAHundredCalls() throws Exception {
    try (TaskStore killed = TaskStore.open(poolOfItsOwn())) {
      fillThePool(killed);

      CountDownLatch holding = new CountDownLatch(IN_FLIGHT);
      CountDownLatch release = new CountDownLatch(1);
      long terminated;
      try (Workers.Running inFlight = Workers.start("in-flight", IN_FLIGHT, worker ->
          assertThatThrownBy(() -> killed.useTransaction(tx -> {
            tx.tasks().create(TaskBase.of("in flight " + worker));
            holding.countDown();
            TestSql.await(release, Duration.ofSeconds(30));
            tx.tasks().create(TaskBase.of("in flight, second row " + worker));
          })).isInstanceOf(ConnectionException.class))) {
        TestSql.await(holding, Duration.ofSeconds(30));
        terminated = terminatePooledBackends();
        release.countDown();
        inFlight.await(DEADLINE);
      }
      assertThat(terminated).as("backends terminated").isEqualTo(POOL_SIZE);
      assertThat(TestDatabase.queryLong("SELECT count(*) FROM task")).as("rows of the in-flight transactions")
          .isZero();

      List<Long> created = new ArrayList<>();
      int failed = hundredCalls(killed, created);
      System.out.printf("[reliability] killed connections: %d backends terminated while %d calls were in "
          + "flight: those %d failed with ConnectionException, then %d of 100 calls failed%n",
          terminated, IN_FLIGHT, IN_FLIGHT, failed);
      assertThat(failed).as("calls failed after the in-flight ones").isZero();
      for (long id : created) {
        assertThat(killed.tasks().findById(id)).as("acknowledged task %d", id).isPresent();
      }

      // The pool is whole again: every connection it holds is alive.
      useEveryConnectionAtOnce(killed);
      assertThat(killed.poolStats().total()).isEqualTo(POOL_SIZE);
    }
  }

  @Test
  void withNoCallInFlightAtMostTheCallThatFindsADeadConnectionFails() throws Exception {
    try (TaskStore killed = TaskStore.open(poolOfItsOwn())) {
      fillThePool(killed);
      long terminated = terminatePooledBackends();
      assertThat(terminated).isEqualTo(POOL_SIZE);

      List<Long> created = new ArrayList<>();
      int failed = hundredCalls(killed, created);
      System.out.printf("[reliability] killed connections: %d idle backends terminated, %d of the next "
          + "calls failed before 100 succeeded%n", terminated, failed);
      // The first call may be lent a dead connection (HikariCP skips its test within 500 ms of the last
      // use); its failure makes the pool replace all the others.
      assertThat(failed).isLessThanOrEqualTo(1);
      for (long id : created) {
        assertThat(killed.tasks().findById(id)).isPresent();
      }
    }
  }

  /** The configuration of a store with a pool of its own, named so that its backends can be found. */
  private static TaskStoreConfig poolOfItsOwn() {
    return TestDatabase.config().poolName(POOL).maximumPoolSize(POOL_SIZE).minimumIdle(POOL_SIZE)
        .connectionTimeout(Duration.ofSeconds(5)).validationTimeout(Duration.ofSeconds(1)).build();
  }

  /** Opens every connection of the pool, each running a statement, and waits until all are idle again. */
  private static void fillThePool(TaskStore s) {
    useEveryConnectionAtOnce(s);
    TestSql.await("a full idle pool", DEADLINE, () -> s.poolStats().idle() == POOL_SIZE);
  }

  /** Terminates the server process of every connection of the pool; returns how many there were. */
  private static long terminatePooledBackends() {
    return TestDatabase.queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        + "WHERE application_name = '" + POOL + "'");
  }

  /**
   * Runs calls until 100 succeeded, counting the ones that failed with {@link ConnectionException}; any
   * other exception fails the test. Bounded: at most one failure per pooled connection is possible.
   */
  private static int hundredCalls(TaskStore s, List<Long> created) {
    int succeeded = 0;
    int failed = 0;
    for (int call = 0; succeeded < 100 && call < 100 + POOL_SIZE; call++) {
      try {
        operation(s, call, created);
        succeeded++;
      } catch (ConnectionException e) {
        failed++;
      }
    }
    assertThat(succeeded).as("successful calls").isEqualTo(100);
    return failed;
  }

  /** Holds every connection of the pool at the same time, each running a statement. */
  private static void useEveryConnectionAtOnce(TaskStore s) {
    CyclicBarrier all = new CyclicBarrier(POOL_SIZE);
    Workers.run("all-connections", POOL_SIZE, DEADLINE, w -> s.useTransaction(tx -> {
      tx.tasks().count(TaskFilter.all());
      try {
        all.await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));
  }

  private static void operation(TaskStore s, int call, List<Long> created) {
    switch (call % 3) {
      case 0 -> created.add(s.tasks().create(TaskBase.of("after kill " + call)).id());
      case 1 -> s.tasks().count(TaskFilter.all());
      default -> s.tasks().list(TaskQuery.firstPage());
    }
  }
}
