package dev.taskstore.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.ConnectionException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Failover on real streaming replication: 8 writers through one store whose URL names both servers
 * ({@code targetServerType=primary}); the primary is killed ({@code pg_ctl -m immediate stop}) and the standby
 * promoted. The store writes again without a restart, calls in flight fail with {@link ConnectionException},
 * nothing hangs; with synchronous replication no acknowledged write is lost, with asynchronous the test reports
 * how many were.
 */
class FailoverTest {

  private static final int WRITERS = 8;

  @Test
  void synchronousReplicationLosesNoAcknowledgedWrite() throws Exception {
    Outcome outcome = failover(true);
    assertThat(outcome.lost).as("acknowledged writes missing on the promoted standby").isEmpty();
  }

  @Test
  void asynchronousReplicationResumesAndReportsWhatWasLost() throws Exception {
    Outcome outcome = failover(false);
    assertThat(outcome.acknowledged).isNotEmpty();
    // Whatever was lost was acknowledged by the old primary: never a write the new one made.
    assertThat(outcome.lost).allSatisfy(title -> assertThat(title).doesNotContain("after"));
  }

  private record Outcome(Set<String> acknowledged, Set<String> lost) {}

  private static Outcome failover(boolean synchronous) throws Exception {
    String mode = synchronous ? "synchronous" : "asynchronous";
    try (ReplicationCluster cluster = ReplicationCluster.start(1, synchronous)) {
      PgNode primary = cluster.primary;
      PgNode standby = cluster.standbys.get(0);
      String url = "jdbc:postgresql://" + primary.hostPort() + "," + standby.hostPort()
          + "/postgres?user=postgres&targetServerType=primary&hostRecheckSeconds=1&connectTimeout=2";
      TaskStoreConfig config = TaskStoreConfig.builder().jdbcUrl(url).minimumIdle(2).maximumPoolSize(WRITERS)
          .connectionTimeout(Duration.ofSeconds(3)).build();
      try (TaskStore store = TaskStore.open(config)) {
        store.migrate();
        cluster.awaitReplay(standby);

        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean promoted = new AtomicBoolean();
        AtomicLong firstWriteAfterPromotion = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          Thread t = new Thread(() -> {
            for (int n = 0; !stop.get(); n++) {
              boolean after = promoted.get();
              String title = "w" + writer + "-" + n + (after ? "-after" : "");
              try {
                store.tasks().create(TaskBase.builder(title).build());
                acknowledged.add(title);
                if (after) {
                  firstWriteAfterPromotion.compareAndSet(0, System.nanoTime());
                }
              } catch (RuntimeException e) {
                failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                ReplicationCluster.sleep(20);
              }
            }
          }, "writer-" + w);
          t.start();
          writers.add(t);
        }
        ReplicationCluster.sleep(1_000);
        long killed = System.nanoTime();
        primary.kill();
        ReplicationCluster.sleep(300);
        standby.promote();
        long promotedAt = System.nanoTime();
        promoted.set(true);
        long deadline = promotedAt + Duration.ofSeconds(30).toNanos();
        while (firstWriteAfterPromotion.get() == 0 && System.nanoTime() < deadline) {
          ReplicationCluster.sleep(10);
        }
        ReplicationCluster.sleep(500);
        stop.set(true);
        for (Thread t : writers) {
          t.join(10_000);
          assertThat(t.isAlive()).as(t.getName() + " hangs").isFalse();
        }
        assertThat(firstWriteAfterPromotion.get()).as("a write after promotion succeeded").isNotZero();
        assertThat(failures.keySet()).as("calls in flight fail with ConnectionException only")
            .isSubsetOf(Set.of(ConnectionException.class.getSimpleName()));

        Set<String> onNewPrimary = new HashSet<>();
        try (Connection c = DriverManager.getConnection(standby.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT title FROM task")) {
          while (rs.next()) {
            onNewPrimary.add(rs.getString(1));
          }
        }
        Set<String> acked = new HashSet<>(acknowledged);
        Set<String> lost = new HashSet<>(acked);
        lost.removeAll(onNewPrimary);
        System.out.printf("failover (%s replication, %d writers): %d acknowledged writes, %d lost; failed calls %s; "
                + "promotion to first write %d ms, kill to first write %d ms%n", mode, WRITERS, acked.size(),
            lost.size(), failures, (firstWriteAfterPromotion.get() - promotedAt) / 1_000_000,
            (firstWriteAfterPromotion.get() - killed) / 1_000_000);
        return new Outcome(acked, lost);
      }
    }
  }
}
