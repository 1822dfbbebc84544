package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskstore.DatabaseTest;
import dev.taskstore.QueryTimeoutException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A statement that runs past the statement timeout (here: one waiting for a row lock another session holds)
 * fails with {@link QueryTimeoutException}; the connection and the pool stay healthy. The pool has one
 * connection, so every later call proves that very connection still works.
 */
@Tag("reliability")
class StatementTimeoutTest extends DatabaseTest {

  private static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(300);

  @Test
  void aStatementOverTheTimeoutFailsWithQueryTimeoutAndTheConnectionStaysUsable() throws Exception {
    TaskRead task = store.tasks().create(TaskBase.of("locked elsewhere"));
    try (TaskStore timed = TaskStore.open(TestDatabase.config().poolName("reliability-timeout")
        .maximumPoolSize(1).minimumIdle(1).statementTimeout(STATEMENT_TIMEOUT).build())) {
      try (Connection locker = TestDatabase.connect(); Statement s = locker.createStatement()) {
        locker.setAutoCommit(false);
        s.execute("SELECT * FROM task WHERE id = " + task.id() + " FOR UPDATE");

        long start = System.nanoTime();
        QueryTimeoutException e = catchThrowableOfType(QueryTimeoutException.class,
            () -> timed.tasks().update(task.id(), TaskUpdate.builder().title("never").build()));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("[reliability] statement timeout %d ms: QueryTimeoutException after %d ms%n",
            STATEMENT_TIMEOUT.toMillis(), millis);
        assertThat(e.sqlState()).contains("57014");
        assertThat(e.httpStatus()).isEqualTo(504);
        assertThat(millis).isGreaterThanOrEqualTo(STATEMENT_TIMEOUT.toMillis());

        // Inside a transaction: the timeout rolls the whole transaction back.
        QueryTimeoutException inTx = catchThrowableOfType(QueryTimeoutException.class,
            () -> timed.useTransaction(tx -> {
              tx.tasks().create(TaskBase.of("written before the timeout"));
              tx.tasks().delete(task.id());
            }));
        assertThat(inTx.sqlState()).contains("57014");

        // The same (only) connection answers at once while the lock is still held elsewhere.
        assertThat(timed.tasks().count(TaskFilter.all())).isEqualTo(1);
        locker.rollback();
      }
      assertThat(timed.tasks().get(task.id()).title()).isEqualTo("locked elsewhere");
      assertThat(timed.tasks().update(task.id(), TaskUpdate.builder().title("now").build()).title())
          .isEqualTo("now");
      assertThat(timed.tasks().count(TaskFilter.all())).as("nothing of the timed-out transaction").isEqualTo(1);
      assertThat(timed.poolStats().total()).isEqualTo(1);
      assertThat(timed.poolStats().active()).isZero();
    }
  }
}
