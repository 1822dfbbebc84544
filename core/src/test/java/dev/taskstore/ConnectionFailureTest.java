package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** No working connection: an unreachable server, an exhausted pool, a killed session, a closed store. */
class ConnectionFailureTest extends DatabaseTest {

  private static final String PASSWORD = "s3cret-pw";

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static TaskStoreConfig.Builder unreachable(PoolMode mode) throws IOException {
    return TaskStoreConfig.builder().url("jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres?connectTimeout=2")
        .username("postgres").password(PASSWORD).poolMode(mode).minimumIdle(0).maximumPoolSize(2)
        .connectionTimeout(Duration.ofMillis(500)).validationTimeout(Duration.ofMillis(250));
  }

  @Test
  void anUnreachableServerIsAConnectionErrorWithoutThePassword() throws IOException {
    try (TaskStore store = TaskStore.open(unreachable(PoolMode.POOLED).build())) {
      ConnectionException e = catchThrowableOfType(ConnectionException.class,
          () -> store.tasks().count(TaskFilter.all()));
      assertThat(e.httpStatus()).isEqualTo(503);
      assertThat(e.sqlState()).contains("08001");
      assertThat(e.getMessage()).contains("cannot connect").doesNotContain(PASSWORD);
      ConnectionException inTx = catchThrowableOfType(ConnectionException.class,
          () -> store.useTransaction(tx -> tx.tasks().count(TaskFilter.all())));
      assertThat(inTx.getMessage()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void anUnreachableServerWithoutPoolIsAConnectionError() throws IOException {
    try (TaskStore store = TaskStore.open(unreachable(PoolMode.NONE).build())) {
      ConnectionException e = catchThrowableOfType(ConnectionException.class,
          () -> store.users().findById(1));
      assertThat(e.sqlState()).contains("08001");
      assertThat(e.getMessage()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void migratingWithoutADatabaseIsAConnectionErrorAndOpenWithMigrateOnOpenFails() throws IOException {
    try (TaskStore store = TaskStore.open(unreachable(PoolMode.POOLED).build())) {
      assertThat(catchThrowableOfType(ConnectionException.class, store::migrate).getMessage())
          .doesNotContain(PASSWORD);
    }
    TaskStoreConfig migrating = unreachable(PoolMode.POOLED).migrateOnOpen(true).build();
    catchThrowableOfType(ConnectionException.class, () -> TaskStore.open(migrating));
  }

  @Test
  void anExhaustedPoolIsAConnectionErrorThatDescribesThePool() {
    try (TaskStore single = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(1)
        .connectionTimeout(Duration.ofMillis(500)).validationTimeout(Duration.ofMillis(250)).build())) {
      ConnectionException e = single.inTransaction(tx -> {
        tx.tasks().count(TaskFilter.all());
        // The only connection is this transaction's: a call outside it must wait, then give up.
        return catchThrowableOfType(ConnectionException.class, () -> single.tasks().count(TaskFilter.all()));
      });
      assertThat(e.getMessage()).contains("pool exhausted", "maximumPoolSize=1", "active=1");
      assertThat(e.sqlState()).isEmpty();
      assertThat(e.httpStatus()).isEqualTo(503);
      assertThat(single.tasks().count(TaskFilter.all())).isZero(); // free again
    }
  }

  @Test
  void aSessionKilledMidTransactionIsAConnectionErrorAndThePoolRecovers() {
    try (TaskStore own = TaskStore.open(TestDatabase.config().poolName("killed-session-test").minimumIdle(0)
        .maximumPoolSize(2).build())) {
      ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> own.useTransaction(tx -> {
        tx.tasks().create(TaskBase.of("lost"));
        TestDatabase.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = 'killed-session-test' AND state = 'idle in transaction'");
        tx.tasks().count(TaskFilter.all());
      }));
      assertThat(e.httpStatus()).isEqualTo(503);
      assertThat(own.tasks().count(TaskFilter.all())).isZero();
      assertThat(own.tasks().create(TaskBase.of("after")).title()).isEqualTo("after");
    }
  }

  @Test
  void callsOnAClosedStoreAreConnectionErrors() {
    for (PoolMode mode : PoolMode.values()) {
      TaskStore closed = TaskStore.open(TestDatabase.config().poolMode(mode).minimumIdle(0).maximumPoolSize(2)
          .build());
      closed.tasks().count(TaskFilter.all());
      closed.close();
      assertThat(catchThrowableOfType(ConnectionException.class, () -> closed.tasks().count(TaskFilter.all())))
          .as("%s", mode).isNotNull();
      assertThat(catchThrowableOfType(ConnectionException.class, () -> closed.users().create("ann@example.org")))
          .as("%s", mode).isNotNull();
      assertThat(catchThrowableOfType(ConnectionException.class,
          () -> closed.useTransaction(tx -> tx.tasks().count(TaskFilter.all())))).as("%s", mode).isNotNull();
      assertThat(catchThrowableOfType(ConnectionException.class, closed::migrate)).as("%s", mode).isNotNull();
    }
  }
}
