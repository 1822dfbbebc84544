package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolModeNoneTest extends DatabaseTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void everyUnitOfWorkOpensAFreshConnectionAndClosesIt() {
    String app = "nopool-per-call";
    long sessionsBefore = sessions();
    int calls = 10;
    try (TaskStore direct = TaskStore.open(TestDatabase.config().poolMode(PoolMode.NONE).poolName(app).build())) {
      Set<Long> pids = new HashSet<>();
      for (int i = 0; i < calls / 2; i++) {
        pids.add(direct.inTransaction(TestSql::backendPid));
        TestSql.await("no backend of " + app + " after a transaction", WAIT, () -> TestSql.backends(app) == 0);
        assertThat(direct.tasks().count(TaskFilter.all())).isZero();
        TestSql.await("no backend of " + app + " after a call", WAIT, () -> TestSql.backends(app) == 0);
      }
      assertThat(pids).as("server process ids, one per transaction").hasSize(calls / 2);
      assertThat(direct.poolStats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0));
    }
    // The server counts every session it accepted: at least one per call.
    TestSql.await("sessions counted", WAIT, () -> sessions() - sessionsBefore >= calls);
  }

  @Test
  void aPoolReusesItsConnectionsForContrast() {
    try (TaskStore pooled = TaskStore.open(TestDatabase.config().minimumIdle(1).maximumPoolSize(1)
        .poolName("pooled-contrast").build())) {
      Set<Long> pids = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        pids.add(pooled.inTransaction(TestSql::backendPid));
      }
      assertThat(pids).hasSize(1);
      assertThat(TestSql.backends("pooled-contrast")).isEqualTo(1);
    }
  }

  @Test
  void callsAfterCloseFailWithConnectionException() {
    TaskStore direct = TaskStore.open(TestDatabase.config().poolMode(PoolMode.NONE).build());
    direct.close();
    assertThatThrownBy(() -> direct.tasks().count(TaskFilter.all())).isInstanceOf(ConnectionException.class)
        .hasMessageContaining("closed");
  }

  private static long sessions() {
    return TestDatabase.queryLong("SELECT sessions FROM pg_stat_database WHERE datname = current_database()");
  }
}
