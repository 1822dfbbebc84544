package dev.taskstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.bench.Fixtures.DeletePool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delete-one fixture against a real server, driven the way JMH drives it ({@code fill()} before every
 * iteration, {@code topUp()} before every call, {@code clear()} after every iteration), with chunks small enough
 * that one iteration uses up many.
 */
class DeletePoolTest {

  private static final long TASKS = 1_000;
  private static final int CHUNK = 100;
  /** Deletes in one iteration: fifty chunks, and half of one more. */
  private static final int DELETES = 50 * CHUNK + CHUNK / 2;

  private static SeededServer server;
  private static Dataset data;

  @BeforeAll
  static void start() {
    server = SeededServer.start(TASKS);
    data = server.data();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void restore() {
    data.restore(TASKS);
  }

  @Test
  void anIterationCanDeleteManyChunksOfRowsForEitherSystem() throws SQLException {
    DeletePool pool = new DeletePool(server.url(), TASKS, CHUNK);

    pool.fill();
    try (JdbcTasks jdbc = new JdbcTasks(server.url(), 1)) {
      for (int i = 0; i < DELETES; i++) {
        pool.topUp();
        long id = pool.next();
        assertThat(id).isGreaterThan(TASKS);
        assertThat(jdbc.delete(id)).as("baseline delete %d of %d (id %d)", i + 1, DELETES, id).isTrue();
      }
    }
    assertThat(pool.remaining()).isEqualTo(CHUNK / 2);
    assertThat(rowsAbove(TASKS)).isEqualTo(CHUNK / 2);
    pool.clear();
    assertThat(rowsAbove(TASKS)).isZero();

    // The next iteration, with taskstore deleting: the pool starts again from nothing.
    pool.fill();
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(server.url()).build())) {
      for (int i = 0; i < DELETES; i++) {
        pool.topUp();
        long id = pool.next();
        assertThat(store.tasks().delete(id)).as("taskstore delete %d of %d (id %d)", i + 1, DELETES, id).isTrue();
      }
    }
    pool.clear();
    assertThat(rowsAbove(TASKS)).isZero();
    data.check(TASKS);
  }

  @Test
  void clearFailsWhenACallDeletedNoRow() throws SQLException {
    DeletePool pool = new DeletePool(server.url(), TASKS, CHUNK);
    pool.fill();
    pool.topUp();
    pool.next();

    assertThatThrownBy(pool::clear).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("left " + CHUNK + " scratch rows, expected " + (CHUNK - 1));
  }

  private static long rowsAbove(long tasks) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url())) {
      return Dataset.countAbove(c, tasks);
    }
  }
}
