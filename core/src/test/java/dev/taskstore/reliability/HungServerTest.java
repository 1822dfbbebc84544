package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.ConnectionException;
import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TestSql;
import dev.taskstore.ValidationException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server stops answering without closing anything: SIGSTOP to the postmaster and every backend, as a hung
 * host or a frozen VM. Calls in flight fail with {@link ConnectionException} after the socket timeout, new calls
 * within the connection timeout (plus the validation of an idle connection), no thread stays blocked in the
 * driver, and after SIGCONT the same store works again without being reopened.
 */
@Tag("reliability")
class HungServerTest {

  private static final int IN_FLIGHT = 3;
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
  /** Scheduling slack on a shared machine: the bounds are the settings, not how fast the machine is. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  @TempDir
  Path temp;

  @Test
  void callsOnAHungServerFailWithinTheSocketTimeoutAndTheStoreWorksWhenItResumes() throws Exception {
    Path dataDirectory = temp.resolve("pgdata");
    EmbeddedDatabase server = EmbeddedDatabase.start(dataDirectory, TestSql.freePort());
    String url = server.jdbcUrl();
    ServerProcesses processes = ServerProcesses.of(dataDirectory);
    boolean stopped = false;
    TaskStoreConfig config = TaskStoreConfig.builder().url(server.jdbcUrl()).poolName("reliability-hung")
        .maximumPoolSize(IN_FLIGHT + 2).minimumIdle(2)
        .connectionTimeout(CONNECTION_TIMEOUT).validationTimeout(VALIDATION_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build();
    try (TaskStore store = TaskStore.open(config)) {
      store.migrate();
      store.tasks().create(TaskBase.of("before the hang"));

      CountDownLatch holding = new CountDownLatch(IN_FLIGHT);
      CountDownLatch release = new CountDownLatch(1);
      ConcurrentLinkedQueue<Long> inFlightMillis = new ConcurrentLinkedQueue<>();
      long newCallMillis;
      try (Workers.Running inFlight = Workers.start("hung-call", IN_FLIGHT, worker -> {
        long[] released = new long[1];
        assertThatThrownBy(() -> store.useTransaction(tx -> {
          tx.tasks().create(TaskBase.of("in flight " + worker));
          holding.countDown();
          TestSql.await(release, Duration.ofSeconds(30));
          released[0] = System.nanoTime();
          tx.tasks().create(TaskBase.of("in flight, second row " + worker));
        })).isInstanceOf(ConnectionException.class);
        inFlightMillis.add(TestSql.millisSince(released[0]));
      })) {
        TestSql.await(holding, Duration.ofSeconds(30));
        int signalled = processes.stop();
        stopped = true;
        release.countDown();
        inFlight.await(SOCKET_TIMEOUT.plus(SLACK).plusSeconds(10));
        System.out.printf("[reliability] hung server: %d server processes stopped (SIGSTOP); %d calls in flight "
            + "failed with ConnectionException after %s ms (socketTimeout %d ms)%n", signalled, IN_FLIGHT,
            inFlightMillis, SOCKET_TIMEOUT.toMillis());
      }
      assertThat(inFlightMillis).hasSize(IN_FLIGHT)
          .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(SOCKET_TIMEOUT.plus(SLACK).toMillis()));

      long start = System.nanoTime();
      assertThatThrownBy(() -> store.tasks().count(TaskFilter.all())).isInstanceOf(ConnectionException.class);
      newCallMillis = TestSql.millisSince(start);
      System.out.printf("[reliability] hung server: a new call failed with ConnectionException after %d ms "
          + "(connectionTimeout %d ms)%n", newCallMillis, CONNECTION_TIMEOUT.toMillis());
      assertThat(newCallMillis).isLessThanOrEqualTo(
          CONNECTION_TIMEOUT.plus(VALIDATION_TIMEOUT).plus(SLACK).toMillis());
      assertThat(callerThreadsInTheDriver()).as("test threads still inside pgjdbc").isEmpty();

      processes.resume();
      stopped = false;
      long resumed = System.nanoTime();
      TestSql.await("a write after SIGCONT", Duration.ofSeconds(20), () -> {
        try {
          store.tasks().create(TaskBase.of("after the hang"));
          return true;
        } catch (ConnectionException e) {
          return false;
        }
      });
      long recoveryMillis = TestSql.millisSince(resumed);
      for (int i = 0; i < 20; i++) {
        store.tasks().create(TaskBase.of("after the hang " + i));
      }
      TestSql.await("no thread blocked in a pgjdbc socket read", Duration.ofSeconds(20),
          () -> threadsReadingFromTheServer().isEmpty());
      TestSql.await("the in-flight transactions rolled back by the server", Duration.ofSeconds(20),
          () -> inFlightRows(url) == 0);
      System.out.printf("[reliability] hung server: after SIGCONT the same store wrote again after %d ms; no "
          + "thread blocked in the driver%n", recoveryMillis);
    } finally {
      if (stopped) {
        processes.resume();
      }
      server.close();
    }
  }

  @Test
  void theDefaultSocketTimeoutFollowsTheStatementTimeout() {
    TaskStoreConfig.Builder b = TaskStoreConfig.builder().url("jdbc:postgresql://localhost/x");
    assertThat(b.build().socketTimeout()).isEqualTo(
        Duration.ofMillis(TaskStoreConfig.DEFAULT_SOCKET_TIMEOUT_MILLIS));
    assertThat(b.statementTimeout(Duration.ofMillis(2_500)).build().socketTimeout())
        .isEqualTo(Duration.ofSeconds(13)); // 2.5 s + 10 s margin, rounded up to whole seconds
    assertThat(b.socketTimeout(Duration.ZERO).build().socketTimeout()).isZero();
    assertThat(b.socketTimeout(Duration.ofMillis(3_200)).build().socketTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThatThrownBy(() -> b.socketTimeout(Duration.ofMillis(2_500)).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("socketTimeout");
          assertThat(e.reason()).contains("longer than statementTimeout");
        });
    assertThatThrownBy(() -> b.statementTimeout(Duration.ZERO).socketTimeout(Duration.ofMillis(500)).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("socketTimeout"));
    assertThatThrownBy(() -> TaskStoreConfig.builder().dataSource(new org.postgresql.ds.PGSimpleDataSource())
        .socketTimeout(Duration.ofSeconds(5)).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("socketTimeout"));
  }

  /** Threads of this test (the callers) with a pgjdbc frame on their stack. */
  private static List<String> callerThreadsInTheDriver() {
    List<String> found = new ArrayList<>();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
      if (t.getThreadName().startsWith("hung-call") && inDriver(t)) {
        found.add(t.getThreadName());
      }
    }
    return found;
  }

  /** Every thread, of the test or of the pool, waiting for the server's answer inside pgjdbc. */
  private static List<String> threadsReadingFromTheServer() {
    List<String> found = new ArrayList<>();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
      if (inDriver(t) && Arrays.stream(t.getStackTrace())
          .anyMatch(f -> f.getClassName().equals("org.postgresql.core.PGStream")
              && f.getMethodName().startsWith("receive"))) {
        found.add(t.getThreadName() + " " + t.getThreadState());
      }
    }
    return found;
  }

  private static long inFlightRows(String url) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM task WHERE title LIKE 'in flight%'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean inDriver(ThreadInfo t) {
    return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("org.postgresql."));
  }
}
