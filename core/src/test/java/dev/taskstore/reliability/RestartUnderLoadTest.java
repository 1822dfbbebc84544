package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.ConnectionException;
import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.RetryableException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TestSql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database server stops for about two seconds under a write load and comes back on the same data
 * directory and port: no acknowledged write is lost, no transaction is half-applied, every failed call is a
 * {@link ConnectionException} or {@link RetryableException}, and the same store writes again within 5 s.
 */
@Tag("reliability")
class RestartUnderLoadTest {

  private static final int WRITERS = 8;
  private static final Duration OUTAGE = Duration.ofSeconds(2);
  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(5);

  @TempDir
  Path temp;

  @Test
  void noAcknowledgedWriteIsLostAndWritesResumeWhenTheServerRestartsUnderLoad() throws Exception {
    Path dataDirectory = temp.resolve("pgdata");
    int port = TestSql.freePort();
    EmbeddedDatabase server = EmbeddedDatabase.start(dataDirectory, port);
    String url = server.jdbcUrl();
    TaskStoreConfig config = TaskStoreConfig.builder().url(url).poolName("reliability-restart")
        .maximumPoolSize(WRITERS).minimumIdle(2)
        .connectionTimeout(Duration.ofSeconds(1)).validationTimeout(Duration.ofMillis(500))
        .build();

    WriteLedger ledger = new WriteLedger();
    Map<Class<?>, AtomicLong> failures = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong restartedAt = new AtomicLong(Long.MAX_VALUE);
    AtomicLong firstWriteAfterRestart = new AtomicLong(Long.MAX_VALUE);

    try (TaskStore store = TaskStore.open(config)) {
      store.migrate();
      try (Workers.Running writers = Workers.start("writer", WRITERS, worker -> {
        // Bounded by the test's end; the cap guards against a loop that never stops.
        for (long seq = 0; seq < 10_000_000 && running.get(); seq++) {
          try {
            ledger.write(store, worker, seq);
            long now = System.nanoTime();
            if (now > restartedAt.get()) {
              firstWriteAfterRestart.accumulateAndGet(now, Math::min);
            }
          } catch (ConnectionException | RetryableException e) {
            failures.computeIfAbsent(e.getClass(), c -> new AtomicLong()).incrementAndGet();
          } catch (Throwable e) {
            unexpected.add(e);
          }
        }
      })) {
        TestSql.await("writes before the outage", Duration.ofSeconds(30), () -> ledger.acknowledged() >= 500);

        long ackedBeforeStop = ledger.acknowledged();
        server.close();
        long stoppedAt = System.nanoTime();
        // The outage itself: the writers keep calling while nothing listens on the port.
        TimeUnit.NANOSECONDS.sleep(OUTAGE.toNanos());
        server = EmbeddedDatabase.start(dataDirectory, port);
        restartedAt.set(System.nanoTime());
        long downMillis = TimeUnit.NANOSECONDS.toMillis(restartedAt.get() - stoppedAt);

        TestSql.await("a write after the restart", RECOVERY_LIMIT.plusSeconds(10),
            () -> firstWriteAfterRestart.get() != Long.MAX_VALUE);
        long ackedAtRecovery = ledger.acknowledged();
        TestSql.await("steady writes after the restart", Duration.ofSeconds(30),
            () -> ledger.acknowledged() >= ackedAtRecovery + 500);
        running.set(false);
        writers.await(Duration.ofSeconds(30));

        long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(firstWriteAfterRestart.get() - restartedAt.get());
        System.out.printf("[reliability] restart under load: server down %d ms, first write %d ms after it "
            + "was back; %d writes acknowledged (%d before the stop), failures %s%n",
            downMillis, recoveryMillis, ledger.acknowledged(), ackedBeforeStop, failures);

        assertThat(unexpected).as("failures other than ConnectionException or RetryableException").isEmpty();
        assertThat(failures).as("calls failed while the server was down").isNotEmpty();
        assertThat(Duration.ofMillis(recoveryMillis)).isLessThanOrEqualTo(RECOVERY_LIMIT);
      }

      assertThat(ledger.lost(url)).as("acknowledged writes missing after the restart").isEmpty();
      assertThat(store.tasks().create(TaskBase.of("after the restart")).id()).isPositive();
    } finally {
      server.close();
    }
  }
}
