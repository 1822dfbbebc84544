package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.taskstore.ConnectionException;
import dev.taskstore.DatabaseException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TestDatabase;
import dev.taskstore.TestSql;
import dev.taskstore.ValidationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A password given in {@code DATABASE_URL} appears in no {@code toString()}, no exception (message, causes,
 * stack trace) and no log line, whether the calls succeed, are refused by the server, or cannot connect at
 * all. The embedded server trusts local connections, so any password is accepted: what matters here is only
 * where the text of the password goes.
 */
@Tag("reliability")
class SecretsTest {

  private static final String ROLE = "reliability_secret";
  /** Distinctive, with characters that must be percent-encoded in a URL. */
  private static final String PASSWORD = "Pa:ss@w/rd-Zq81Xv";
  private static final String ENCODED = "Pa%3Ass%40w%2Frd-Zq81Xv";
  /** A fragment of the password, so that a partial leak is found too. */
  private static final String FRAGMENT = "Zq81Xv";

  @BeforeAll
  static void createRole() {
    TestDatabase.store();
    TestDatabase.execute("DROP ROLE IF EXISTS " + ROLE);
    TestDatabase.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'unused-by-trust-auth'");
    TestDatabase.execute("GRANT SELECT ON task, task_count TO " + ROLE); // counts read task_count (V5)
  }

  @AfterAll
  static void dropRole() {
    TestDatabase.execute("REVOKE ALL ON task, task_count FROM " + ROLE);
    TestDatabase.execute("DROP ROLE IF EXISTS " + ROLE);
  }

  @Test
  void thePasswordOfDatabaseUrlAppearsInNoToStringExceptionOrLogLine() {
    int port = TestDatabase.server().port();
    List<String> texts = new ArrayList<>();
    String logs;
    try (LogCapture capture = LogCapture.start()) {
      LoggerFactory.getLogger(SecretsTest.class).warn("log capture marker");

      // Works: the role may read tasks. Refused by the server: it may not write them.
      TaskStoreConfig config = fromUrl("postgresql://" + ROLE + ":" + ENCODED + "@localhost:" + port + "/postgres");
      assertThat(config.password()).contains(PASSWORD);
      texts.add(config.toString());
      texts.add(config.jdbcUrl().orElseThrow());
      try (TaskStore store = TaskStore.open(config)) {
        texts.add(store.toString());
        assertThat(store.tasks().count(TaskFilter.all())).isGreaterThanOrEqualTo(0);
        texts.add(store.poolStats().toString());
        texts.add(failure(DatabaseException.class, () -> store.tasks().create(TaskBase.of("denied"))));
        // The server ends the session: HikariCP logs a warning with the driver's exception.
        TestDatabase.queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            + "WHERE application_name = 'reliability-secret'");
        Throwable ended = catchThrowable(() -> store.tasks().count(TaskFilter.all()));
        if (ended != null) {
          texts.add(failure(ConnectionException.class, () -> {
            throw (RuntimeException) ended;
          }));
        }
        assertThat(store.tasks().count(TaskFilter.all())).isGreaterThanOrEqualTo(0);
        store.close();
        texts.add(failure(ConnectionException.class, () -> store.tasks().count(TaskFilter.all())));
      }

      // The password given separately, beside a URL without one.
      TaskStoreConfig separate = TaskStoreConfig.fromEnvironment(Map.of(
              TaskStoreConfig.DATABASE_URL, "postgres://" + ROLE + "@localhost:" + port + "/postgres",
              TaskStoreConfig.DATABASE_PASSWORD, PASSWORD))
          .poolName("reliability-secret-env").minimumIdle(0).maximumPoolSize(1).build();
      texts.add(separate.toString());
      try (TaskStore store = TaskStore.open(separate)) {
        assertThat(store.tasks().count(TaskFilter.all())).isGreaterThanOrEqualTo(0);
      }

      // Cannot connect: nothing listens on the port; no such database; no such role.
      texts.add(connectionFailure("postgresql://" + ROLE + ":" + ENCODED + "@localhost:" + TestSql.freePort()
          + "/postgres"));
      texts.add(connectionFailure("postgresql://" + ROLE + ":" + ENCODED + "@localhost:" + port + "/no_such_db"));
      texts.add(connectionFailure("postgresql://no_such_role:" + ENCODED + "@localhost:" + port + "/postgres"));

      // Malformed URLs that hold the password.
      texts.add(failure(ValidationException.class, () -> fromUrl("postgresql://u:" + ENCODED + "@localhost:port/db")));
      texts.add(failure(ValidationException.class, () -> fromUrl("mysql://u:" + ENCODED + "@localhost/db")));
      texts.add(failure(ValidationException.class, () -> fromUrl("postgresql://u:" + FRAGMENT + "%zz@localhost/db")));
      logs = capture.text();
    }

    assertThat(logs).as("the capture works").contains("log capture marker");
    for (String text : texts) {
      assertNoSecret(text);
    }
    assertNoSecret(logs);
    System.out.printf("[reliability] secrets: %d toString/exception texts and %d characters of log output "
        + "checked, no password%n", texts.size(), logs.length());
  }

  private static TaskStoreConfig fromUrl(String url) {
    return TaskStoreConfig.fromEnvironment(Map.of(TaskStoreConfig.DATABASE_URL, url))
        .poolName("reliability-secret").minimumIdle(0).maximumPoolSize(2)
        .connectionTimeout(Duration.ofSeconds(1)).validationTimeout(Duration.ofMillis(500)).build();
  }

  /** Opens a store and makes one call, which must fail to connect; returns what the failure shows. */
  private static String connectionFailure(String url) {
    TaskStoreConfig config = fromUrl(url);
    try (TaskStore store = TaskStore.open(config)) {
      return config + "\n" + failure(ConnectionException.class, () -> store.tasks().count(TaskFilter.all()));
    }
  }

  /** Runs a call that must throw {@code type}; returns everything the exception shows. */
  private static String failure(Class<? extends RuntimeException> type, Runnable call) {
    Throwable e = catchThrowable(call::run);
    assertThat(e).isExactlyInstanceOf(type);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    StringBuilder text = new StringBuilder(trace.toString());
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append('\n').append(t).append('\n').append(t.getLocalizedMessage());
    }
    return text.toString();
  }

  private static void assertNoSecret(String text) {
    assertThat(text).doesNotContain(PASSWORD).doesNotContain(ENCODED).doesNotContain(FRAGMENT);
  }
}
