package dev.taskstore.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.ConnectionException;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskStore;
import dev.taskstore.TestDatabase;
import dev.taskstore.TestSql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous runner keeps one expiry timer for all waiting calls (not one per call); every waiting call
 * must still fail at its own deadline, also when calls start waiting one after another.
 */
class AsyncWaitExpiryTest {

  @Test
  void callsThatStartWaitingOneAfterAnotherEachFailAtTheirOwnDeadline() throws Exception {
    try (TaskStore one = TaskStore.open(TestDatabase.config().minimumIdle(1).maximumPoolSize(1)
        .connectionTimeout(Duration.ofMillis(600)).poolName("async-expiry").build())) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch holding = new CountDownLatch(1);
      CompletableFuture<Integer> holder = one.async().inTransaction(tx -> {
        holding.countDown();
        TestSql.await(release);
        return 1;
      });
      TestSql.await(holding);

      long start = System.nanoTime();
      List<CompletableFuture<Long>> failedAt = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        failedAt.add(one.async().tasks().count(TaskFilter.all()).handle((ok, e) -> {
          assertThat(e).isInstanceOf(ConnectionException.class).hasMessageContaining("connection pool exhausted");
          return TestSql.millisSince(start);
        }));
        Thread.sleep(250);
      }
      List<Long> millis = new ArrayList<>();
      for (CompletableFuture<Long> f : failedAt) {
        millis.add(f.join());
      }
      release.countDown();
      holder.join();

      // Submitted at about 0, 250 and 500 ms, each waits its 600 ms.
      assertThat(millis.get(0)).isBetween(500L, 1_100L);
      assertThat(millis.get(1)).isBetween(750L, 1_350L);
      assertThat(millis.get(2)).isBetween(1_000L, 1_600L);
      assertThat(millis.get(1)).isGreaterThan(millis.get(0) + 100);
      assertThat(millis.get(2)).isGreaterThan(millis.get(1) + 100);
    }
  }
}
