package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.DatabaseTest;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskUpdate;
import dev.taskstore.UserCreate;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Logger {@code dev.taskstore.sql}: at DEBUG one line per call with its operation, table, rows and duration; at
 * TRACE the parameterised SQL too; never a bound value at any level.
 */
@Tag("reliability")
class StatementLogTest extends DatabaseTest {

  private static final String SECRET = "s3cr3t-9f2c";

  @AfterEach
  void quiet() {
    level(LocationAwareLogger.WARN_INT);
  }

  @Test
  void atDebugEachCallIsOneLineWithItsOperationRowsAndDuration() {
    level(LocationAwareLogger.DEBUG_INT);
    List<String> lines;
    try (LogCapture logs = LogCapture.start()) {
      TaskRead task = store.tasks().create(TaskBase.of(SECRET + " title"));
      store.tasks().create(TaskBase.of("second"));
      store.tasks().list(TaskQuery.builder().filter(TaskFilter.builder().titleContains(SECRET).build()).build());
      store.tasks().list(TaskQuery.firstPage());
      store.tasks().findById(-1);
      store.tasks().update(task.id(), TaskUpdate.builder().description(SECRET).build());
      lines = sqlLines(logs.text());
    }

    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).matches(".*DEBUG dev\\.taskstore\\.sql - tasks\\.create \\(INSERT task\\) 1 row in \\d+ µs");
    assertThat(lines.get(2)).matches(".*tasks\\.list \\(SELECT task\\) 1 row in \\d+ µs");
    assertThat(lines.get(3)).matches(".*tasks\\.list \\(SELECT task\\) 2 rows in \\d+ µs");
    assertThat(lines.get(4)).matches(".*tasks\\.findById \\(SELECT task\\) 0 rows in \\d+ µs");
    assertThat(lines.get(5)).matches(".*tasks\\.update \\(UPDATE task\\) 1 row in \\d+ µs");
    assertThat(lines).noneMatch(l -> l.contains(SECRET)).noneMatch(l -> l.toLowerCase().contains(" from "));
  }

  @Test
  void atTraceTheLineCarriesTheParameterisedSqlAndNeverAValue() {
    level(LocationAwareLogger.TRACE_INT);
    List<String> lines;
    try (LogCapture logs = LogCapture.start()) {
      store.users().create(new UserCreate(SECRET + "@example.org"));
      store.tasks().count(TaskFilter.builder().titleContains(SECRET).build());
      store.users().countTasksPerUser(TaskFilter.builder().titleContains(SECRET).build());
      store.tasks().createAll(List.of(TaskBase.of(SECRET + " a"), TaskBase.of(SECRET + " b")));
      store.jdbc(c -> c.createStatement().execute("SELECT '" + SECRET + "'"));
      lines = sqlLines(logs.text());
    }

    assertThat(lines).anySatisfy(l -> assertThat(l).contains("TRACE dev.taskstore.sql - users.create (INSERT user) 1 row")
        .containsIgnoringCase("insert into").contains("?"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("tasks.count (SELECT task)").contains("?"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("users.countTasksPerUser").contains("?"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("tasks.createAll (INSERT task) 2 rows"));
    // The application's JDBC step is logged by its name only: its SQL is the application's and may hold values.
    assertThat(lines).anySatisfy(l -> assertThat(l).matches(".*jdbc \\(JDBC\\) ok in \\d+ µs"));
    assertThat(String.join("\n", lines)).doesNotContain(SECRET);
  }

  private static List<String> sqlLines(String text) {
    return text.lines().filter(l -> l.contains(" dev.taskstore.sql - ")).toList();
  }

  /**
   * Sets the level of logger {@code dev.taskstore.sql} for this test JVM: slf4j-simple, the tests' backend,
   * reads levels only at start-up, so the test sets its level field.
   */
  private static void level(int level) {
    Logger logger = LoggerFactory.getLogger("dev.taskstore.sql");
    try {
      Field current = logger.getClass().getDeclaredField("currentLogLevel");
      current.setAccessible(true);
      current.setInt(logger, level);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("the tests' SLF4J backend is not slf4j-simple", e);
    }
  }
}
