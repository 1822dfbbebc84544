package dev.taskstore.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.DatabaseException;
import dev.taskstore.ReplicaConfig;
import dev.taskstore.ReplicaStats;
import dev.taskstore.RetryableException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TransactionOptions;
import dev.taskstore.ValidationException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads on a real hot standby: routing, read-your-writes, the consistency token, a replica that stops or
 * lags, and the hot-standby errors. One primary and two asynchronous standbys for the whole class (most tests
 * read from the first only).
 */
class ReplicaReadTest {

  private static ReplicationCluster cluster;
  private static PgNode standby;

  @BeforeAll
  static void startCluster() {
    cluster = ReplicationCluster.start(2, false);
    standby = cluster.standbys.get(0);
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().jdbcUrl(cluster.primary.jdbcUrl())
        .minimumIdle(0).build())) {
      store.migrate();
    }
    cluster.primary.sql("CREATE TABLE conflict_probe(x int)", "INSERT INTO conflict_probe VALUES (1)");
    cluster.awaitReplay(standby);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static TaskStoreConfig.Builder primaryConfig() {
    return TaskStoreConfig.builder().jdbcUrl(cluster.primary.jdbcUrl()).minimumIdle(1).maximumPoolSize(4)
        .connectionTimeout(Duration.ofSeconds(5));
  }

  private static ReplicaConfig.Builder replica() {
    return ReplicaConfig.builder().url(standby.jdbcUrl()).maximumPoolSize(4);
  }

  private static TaskStore open(ReplicaConfig replicas) {
    return TaskStore.open(primaryConfig().replicas(replicas).build());
  }

  private static boolean inRecovery(dev.taskstore.Repositories repositories, TransactionOptions options) {
    return repositories.inTransaction(options, tx -> tx.jdbc(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
        rs.next();
        return rs.getBoolean(1);
      }
    }));
  }

  private static void applyDelay(String delay) {
    standby.sql("ALTER SYSTEM SET recovery_min_apply_delay = '" + delay + "'", "SELECT pg_reload_conf()");
  }

  @Test
  void readsGoToTheReplicaAndWritesToThePrimary() {
    try (TaskStore store = open(replica().build())) {
      assertThat(inRecovery(store, TransactionOptions.readOnlyTransaction())).as("read-only transaction").isTrue();
      assertThat(inRecovery(store, TransactionOptions.defaults())).as("read-write transaction").isFalse();
      assertThat(inRecovery(store.onPrimary(), TransactionOptions.readOnlyTransaction()))
          .as("read-only transaction forced to the primary").isFalse();
      assertThat(inRecovery(store, TransactionOptions.readOnlyTransaction()
          .withIsolation(dev.taskstore.IsolationLevel.SERIALIZABLE))).as("serializable: a standby refuses it")
          .isFalse();

      long before = store.replicaStats().replicaReads();
      store.tasks().count(TaskFilter.all());
      store.tasks().findById(-1);
      ReplicaStats stats = store.replicaStats();
      assertThat(stats.replicaReads() - before).isEqualTo(2);
      assertThat(stats.replicas()).singleElement().satisfies(r -> {
        assertThat(r.available()).isTrue();
        assertThat(r.address()).isEqualTo(standby.hostPort());
      });

      TaskRead created = store.tasks().create(TaskBase.builder("written on the primary").build());
      assertThat(cluster.primary.sql("SELECT title FROM task WHERE id = " + created.id()))
          .isEqualTo("written on the primary");
      assertThat(store.consistencyToken()).matches("[0-9A-F]+/[0-9A-F]+").isNotEqualTo("0/0");
    }
  }

  @Test
  void readsSeeTheStoresOwnWritesAndATokensWritesWhileReplayIsDelayed() {
    applyDelay("4s");
    try (TaskStore writer = open(replica().build());
         TaskStore other = open(replica().build());
         TaskStore patient = open(replica().maxWait(Duration.ofSeconds(8)).maxLag(Duration.ofMinutes(10)).build());
         TaskStore lagging = open(replica().maxLag(Duration.ofMillis(300)).build())) {
      TaskRead task = writer.tasks().create(TaskBase.builder("read your writes").build());

      // The store's own read waits maxWait (100 ms), then the primary serves it.
      long primaryBefore = writer.replicaStats().primaryReads();
      assertThat(writer.tasks().findById(task.id())).contains(task);
      assertThat(writer.replicaStats().primaryReads()).isEqualTo(primaryBefore + 1);
      // A read that accepts staleness goes to the replica, which has not replayed the write yet.
      assertThat(writer.allowingStaleReads().tasks().findById(task.id())).isEmpty();
      // Another store (another instance of the service) misses it, unless given the writer's token.
      assertThat(other.tasks().findById(task.id())).isEmpty();
      String token = writer.consistencyToken();
      assertThat(other.withConsistency(token).tasks().findById(task.id())).contains(task);

      // A store that waits long enough reads its own write from the replica once it has replayed it.
      TaskRead second = patient.tasks().create(TaskBase.builder("waited for").build());
      long replicaBefore = patient.replicaStats().replicaReads();
      assertThat(patient.tasks().findById(second.id())).contains(second);
      assertThat(patient.replicaStats().replicaReads()).isEqualTo(replicaBefore + 1);

      // Lag past maxLag, seen by two checks a second apart: the replica is skipped, with the reason in the stats.
      writer.tasks().create(TaskBase.builder("more to replay").build());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (lagging.replicaStats().replicas().get(0).available() && System.nanoTime() < deadline) {
        lagging.allowingStaleReads().tasks().count(TaskFilter.all());
        ReplicationCluster.sleep(100);
      }
      ReplicaStats.Replica state = lagging.replicaStats().replicas().get(0);
      assertThat(state.available()).isFalse();
      assertThat(state.problem()).contains("maxLag");
      assertThat(state.lag()).isGreaterThan(Duration.ofMillis(300));
    } finally {
      applyDelay("0");
      cluster.awaitReplay(standby);
    }
  }

  @Test
  void aStoreThatAcceptsStalenessReadsTheReplicaRightAfterItsWrites() {
    applyDelay("4s");
    try (TaskStore store = open(replica().readYourWrites(false).build())) {
      TaskRead task = store.tasks().create(TaskBase.builder("stale is fine").build());
      assertThat(store.tasks().findById(task.id())).isEmpty();
      assertThat(store.onPrimary().tasks().findById(task.id())).contains(task);
    } finally {
      applyDelay("0");
      cluster.awaitReplay(standby);
    }
  }

  @Test
  void aStoppedReplicaSendsReadsToThePrimaryUntilItIsBack() {
    ReplicaConfig replicas = replica().retryInterval(Duration.ofMillis(500))
        .connectionTimeout(Duration.ofMillis(500)).build();
    try (TaskStore store = open(replicas)) {
      TaskRead task = store.tasks().create(TaskBase.builder("survives the replica").build());
      cluster.awaitReplay(standby);
      assertThat(store.tasks().findById(task.id())).contains(task);
      standby.stop();
      try {
        for (int i = 0; i < 5; i++) {
          long start = System.nanoTime();
          assertThat(store.tasks().findById(task.id())).contains(task);
          // Bounded by the replica's connection timeout, far below the primary's.
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
        ReplicaStats.Replica down = store.replicaStats().replicas().get(0);
        assertThat(down.available()).isFalse();
        assertThat(down.problem()).isNotEmpty();
        assertThat(store.replicaStats().primaryReads()).isGreaterThanOrEqualTo(1);
      } finally {
        standby.start();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long replicaReads = store.replicaStats().replicaReads();
      while (store.replicaStats().replicaReads() == replicaReads) {
        assertThat(System.nanoTime()).as("the replica is used again").isLessThan(deadline);
        assertThat(store.tasks().findById(task.id())).contains(task);
        ReplicationCluster.sleep(100);
      }
      assertThat(store.replicaStats().replicas().get(0).available()).isTrue();
    }
  }

  @Test
  void readsShareTheReplicasAndSkipOneThatIsDown() {
    PgNode second = cluster.standbys.get(1);
    ReplicaConfig both = ReplicaConfig.builder().url(standby.jdbcUrl()).url(second.jdbcUrl())
        .connectionTimeout(Duration.ofMillis(500)).build();
    try (TaskStore store = open(both)) {
      assertThat(servingPorts(store)).containsExactlyInAnyOrder(standby.port, second.port);
      second.stop();
      try {
        // Reads outside a transaction ride over the lost connections (read again elsewhere); a transaction
        // in flight on one would fail with ConnectionException, as on a primary that stops.
        long primaryReads = store.replicaStats().primaryReads();
        for (int i = 0; i < 4; i++) {
          store.tasks().count(TaskFilter.all());
        }
        assertThat(servingPorts(store)).containsOnly(standby.port);
        assertThat(store.replicaStats().primaryReads() - primaryReads).isLessThanOrEqualTo(1);
        assertThat(store.replicaStats().replicas()).extracting(ReplicaStats.Replica::available)
            .containsExactly(true, false);
      } finally {
        second.start();
      }
    }
  }

  /** The servers that serve 6 read-only transactions in a row. */
  private static java.util.Set<Integer> servingPorts(TaskStore store) {
    java.util.Set<Integer> ports = new java.util.HashSet<>();
    for (int i = 0; i < 6; i++) {
      ports.add(store.inTransaction(TransactionOptions.readOnlyTransaction(), tx -> tx.jdbc(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
          rs.next();
          return rs.getInt(1);
        }
      })));
    }
    return ports;
  }

  @Test
  void aWriteOnAStandbyIsNotRetryable() {
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().jdbcUrl(standby.jdbcUrl()).minimumIdle(0)
        .build())) {
      assertThatThrownBy(() -> store.tasks().create(TaskBase.builder("nowhere").build()))
          .isExactlyInstanceOf(DatabaseException.class)
          .hasMessageContaining("hot standby")
          .satisfies(e -> assertThat(((DatabaseException) e).sqlState()).contains("25006"));
    }
  }

  @Test
  void serializableOnAStandbyIsNotRetryable() {
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().jdbcUrl(standby.jdbcUrl()).minimumIdle(0)
        .build())) {
      assertThatThrownBy(() -> store.inTransaction(TransactionOptions.serializable().withReadOnly(true).withRetries(3),
          tx -> tx.tasks().count(TaskFilter.all())))
          .isExactlyInstanceOf(DatabaseException.class)
          .hasMessageContaining("SERIALIZABLE")
          .satisfies(e -> assertThat(((DatabaseException) e).sqlState()).contains("0A000"));
    }
  }

  @Test
  void aRecoveryConflictIsRetryable() throws Exception {
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().jdbcUrl(standby.jdbcUrl()).minimumIdle(0)
        .build())) {
      CompletableFuture<Object> read = CompletableFuture.supplyAsync(() -> store.jdbc(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("SELECT pg_sleep(20) FROM conflict_probe");
        }
      }));
      ReplicationCluster.sleep(700);
      cluster.primary.sql("BEGIN", "LOCK TABLE conflict_probe IN ACCESS EXCLUSIVE MODE", "COMMIT");
      assertThatThrownBy(() -> read.get(15, TimeUnit.SECONDS))
          .cause()
          .isExactlyInstanceOf(RetryableException.class)
          .hasMessageContaining("recovery conflict")
          .satisfies(e -> assertThat(((RetryableException) e).sqlState()).contains("40001"));
    }
  }

  /**
   * A read after a write asks the replica once where it has replayed to; a read with nothing new to see asks
   * nothing. Prints rough timings (single thread, 2 shared cores: noisy, and no scale to show).
   */
  @Test
  void aReadAfterAWriteChecksTheReplicaOnceAndThenReadsThere() {
    try (TaskStore store = open(replica().maxWait(Duration.ofSeconds(2)).build())) {
      TaskRead task = store.tasks().create(TaskBase.builder("measured").build());
      cluster.awaitReplay(standby);
      for (int i = 0; i < 300; i++) {
        store.tasks().findById(task.id());
        store.onPrimary().tasks().findById(task.id());
      }
      int reads = 1_000;
      long t0 = System.nanoTime();
      for (int i = 0; i < reads; i++) {
        store.tasks().findById(task.id());
      }
      long replicaNanos = System.nanoTime() - t0;
      t0 = System.nanoTime();
      for (int i = 0; i < reads; i++) {
        store.onPrimary().tasks().findById(task.id());
      }
      long primaryNanos = System.nanoTime() - t0;

      // The same pause before each timed read, with and without a write in it: the difference is the check.
      int rounds = 100;
      long afterWriteNanos = 0;
      long afterPauseNanos = 0;
      long replicaBefore = store.replicaStats().replicaReads();
      for (int i = 0; i < rounds; i++) {
        ReplicationCluster.sleep(30);
        long start = System.nanoTime();
        store.tasks().findById(task.id());
        afterPauseNanos += System.nanoTime() - start;
        TaskRead written = store.tasks().create(TaskBase.builder("then read " + i).build());
        ReplicationCluster.sleep(30);
        start = System.nanoTime();
        assertThat(store.tasks().findById(written.id())).contains(written);
        afterWriteNanos += System.nanoTime() - start;
      }
      assertThat(store.replicaStats().replicaReads() - replicaBefore).as("every read on the replica")
          .isEqualTo(2L * rounds);
      System.out.printf("replica reads: findById on the replica %.0f us, on the primary %.0f us (%d reads each, one "
              + "thread, back to back); after a 30 ms pause %.0f us, after a write and a 30 ms pause %.0f us (the "
              + "one check query, and any wait for replay, included)%n",
          replicaNanos / 1e3 / reads, primaryNanos / 1e3 / reads, reads, afterPauseNanos / 1e3 / rounds,
          afterWriteNanos / 1e3 / rounds);
      try (TaskStore plain = TaskStore.open(primaryConfig().build())) {
        for (int i = 0; i < 100; i++) {
          plain.tasks().create(TaskBase.builder("warm-up").build());
          store.tasks().create(TaskBase.builder("warm-up").build());
        }
        int writes = 300;
        long w0 = System.nanoTime();
        for (int i = 0; i < writes; i++) {
          plain.tasks().create(TaskBase.builder("plain").build());
        }
        long plainNanos = System.nanoTime() - w0;
        w0 = System.nanoTime();
        for (int i = 0; i < writes; i++) {
          store.tasks().create(TaskBase.builder("recorded").build());
        }
        long recordedNanos = System.nanoTime() - w0;
        System.out.printf("replica reads: tasks.create without replicas %.0f us, with replicas (the WAL position "
            + "read after it) %.0f us (%d writes each, one thread)%n", plainNanos / 1e3 / writes,
            recordedNanos / 1e3 / writes, writes);
      }
      System.out.printf("replica reads: 4 threads for 1 s each: %d findById/s on the replica, %d on the primary "
          + "(both servers share this machine's 2 cores with the test: no scale to show)%n",
          throughput(() -> store.tasks().findById(task.id())),
          throughput(() -> store.onPrimary().tasks().findById(task.id())));
    }
  }

  private static long throughput(Runnable read) {
    java.util.concurrent.atomic.LongAdder done = new java.util.concurrent.atomic.LongAdder();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          read.run();
          done.increment();
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return done.sum();
  }

  @Test
  void aMalformedTokenIsRefused() {
    try (TaskStore store = open(replica().build())) {
      assertThatThrownBy(() -> store.withConsistency("not a token"))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("token"));
    }
  }
}
