package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A statement that runs past the configured statement timeout is cancelled by the server (57014). */
class QueryTimeoutTest extends DatabaseTest {

  private static TaskStore withTimeout() {
    return TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(2)
        .statementTimeout(Duration.ofMillis(200)).build());
  }

  /** Holds a lock on the task table until closed, so that any statement on it waits. */
  private static Connection lockTasks() throws Exception {
    Connection c = TestDatabase.connect();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE task, task_count IN ACCESS EXCLUSIVE MODE"); // counts read task_count (V5)
    }
    return c;
  }

  @Test
  void aStatementPastTheTimeoutIsAQueryTimeoutAndTheStoreStaysUsable() throws Exception {
    try (TaskStore timed = withTimeout()) {
      QueryTimeoutException e;
      try (Connection lock = lockTasks()) {
        e = catchThrowableOfType(QueryTimeoutException.class, () -> timed.tasks().count(TaskFilter.all()));
      }
      assertThat(e.sqlState()).contains("57014");
      assertThat(e.httpStatus()).isEqualTo(504);
      assertThat(timed.tasks().create(TaskBase.of("after")).title()).isEqualTo("after");
      assertThat(timed.tasks().count(TaskFilter.all())).isEqualTo(1);
    }
  }

  @Test
  void aTimeoutInsideATransactionRollsItBackAndIsRethrownUnchanged() throws Exception {
    try (TaskStore timed = withTimeout()) {
      timed.users().create("ann@example.org");
      Throwable thrown;
      Throwable[] inside = new Throwable[1];
      try (Connection lock = lockTasks()) {
        thrown = catchThrowable(() -> timed.useTransaction(tx -> {
          tx.users().create("bob@example.org");
          try {
            tx.tasks().count(TaskFilter.all());
          } catch (QueryTimeoutException e) {
            inside[0] = e;
            throw e;
          }
        }));
      }
      assertThat(thrown).isInstanceOf(QueryTimeoutException.class).isSameAs(inside[0]);
      assertThat(timed.users().findByEmail("bob@example.org")).isEmpty();
    }
  }
}
