package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.DatabaseTest;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskStore;
import dev.taskstore.TestDatabase;
import dev.taskstore.TestSql;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A call over {@code slowCallThreshold} is logged at WARN with its operation, never its SQL or values. */
@Tag("reliability")
class SlowCallLogTest extends DatabaseTest {

  private static final String SECRET = "s3cr3t-title-value";

  @Test
  void aSlowCallIsOneWarnLineThatNamesItsOperationAndNoValue() {
    try (TaskStore slow = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(2)
        .slowCallThreshold(Duration.ofMillis(50)).build());
        LogCapture logs = LogCapture.start()) {
      slow.tasks().create(TaskBase.of(SECRET));
      slow.tasks().list(TaskQuery.builder().filter(TaskFilter.builder().titleContains(SECRET).build()).build());
      slow.useTransaction(tx -> TestSql.sleep(tx, 0.2));
      slow.users().create("dup@example.org");
      assertThatThrownBy(() -> slow.jdbc(c -> {
        c.createStatement().execute("SELECT pg_sleep(0.1)");
        return slow.users().create("dup@example.org"); // on another connection: fails, and is fast
      })).isInstanceOf(UniqueViolationException.class);

      String text = logs.text();
      assertThat(text).contains("slow database call: jdbc (JDBC) took ")
          .contains("over slowCallThreshold=50 ms")
          .doesNotContain(SECRET)
          .doesNotContain("pg_sleep")
          .doesNotContain("dup@example.org");
      // The first calls may be slow too: they open the pool's connections.
      assertThat(text.lines().filter(l -> l.contains("slow database call: jdbc (JDBC)"))).hasSize(2)
          .anySatisfy(l -> assertThat(l).endsWith("; failed with UniqueViolationException"));
    }
  }

  @Test
  void theThresholdIsValidated() {
    assertThatThrownBy(() -> TestDatabase.config().slowCallThreshold(Duration.ofNanos(10)).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("slowCallThreshold"));
    assertThat(TestDatabase.config().build().slowCallThreshold()).isZero();
  }
}
