package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskstore.ConnectionException;
import dev.taskstore.DatabaseTest;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskStore;
import dev.taskstore.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every connection of the pool is held: the next call fails within the connection timeout plus a second with
 * a {@link ConnectionException} that says the pool is exhausted and how big it is; once the connections are
 * released, calls succeed again.
 */
@Tag("reliability")
class PoolExhaustionTest extends DatabaseTest {

  private static final int POOL_SIZE = 3;
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  @Test
  void whenEveryConnectionIsHeldTheNextCallFailsFastAndServiceReturnsOnRelease() throws Exception {
    try (TaskStore small = TaskStore.open(TestDatabase.config().poolName("reliability-exhaust")
        .maximumPoolSize(POOL_SIZE).minimumIdle(POOL_SIZE)
        .connectionTimeout(CONNECTION_TIMEOUT).validationTimeout(Duration.ofMillis(250)).build())) {
      // The same call once while the pool is free, so the timing below is of waiting, not of class loading.
      assertThat(small.tasks().count(TaskFilter.all())).isZero();
      CountDownLatch holding = new CountDownLatch(POOL_SIZE);
      CountDownLatch release = new CountDownLatch(1);
      try (Workers.Running holders = Workers.start("holder", POOL_SIZE, worker -> small.useTransaction(tx -> {
        tx.tasks().create(TaskBase.of("held " + worker));
        holding.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }))) {
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("all connections held").isTrue();
        assertThat(small.poolStats().active()).isEqualTo(POOL_SIZE);

        long start = System.nanoTime();
        ConnectionException e;
        String logged;
        try (LogCapture logs = LogCapture.start()) {
          e = catchThrowableOfType(ConnectionException.class, () -> small.tasks().count(TaskFilter.all()));
          logged = logs.text();
        }
        Duration failedAfter = Duration.ofNanos(System.nanoTime() - start);
        // What an operator must act on is a WARN, with the pool's state.
        assertThat(logged.lines().filter(l -> l.contains("WARN dev.taskstore.pool")))
            .singleElement().asString().contains("connection pool exhausted").contains("maximumPoolSize=" + POOL_SIZE)
            .contains("waiting=");
        System.out.printf("[reliability] pool exhaustion: failed after %d ms (connectionTimeout %d ms): %s%n",
            failedAfter.toMillis(), CONNECTION_TIMEOUT.toMillis(), e.getMessage());

        assertThat(e.getMessage()).contains("pool exhausted").contains("maximumPoolSize=" + POOL_SIZE);
        assertThat(e.sqlState()).isEmpty();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(failedAfter).isLessThanOrEqualTo(CONNECTION_TIMEOUT.plusSeconds(1));
        // It did wait for a connection to come free: the timeout is a wait, not an immediate refusal.
        assertThat(failedAfter).isGreaterThanOrEqualTo(CONNECTION_TIMEOUT.minusMillis(50));

        release.countDown();
        holders.await(Duration.ofSeconds(30));
      }
      assertThat(small.tasks().count(TaskFilter.all())).isEqualTo(POOL_SIZE);
      assertThat(small.tasks().create(TaskBase.of("after release")).id()).isPositive();
      assertThat(small.poolStats().active()).isZero();
    }
  }
}
