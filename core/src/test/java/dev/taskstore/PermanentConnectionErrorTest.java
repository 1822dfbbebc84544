package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A refusal that waiting cannot mend (wrong password 28P01, unknown role 28000, unknown database 3D000) fails
 * a call at once, not after the connection timeout, with one exception and message whichever path meets it.
 * The shared server trusts local connections, so the test makes it ask one role for its password.
 */
class PermanentConnectionErrorTest {

  private static final String ROLE = "password_probe";
  private static final String PASSWORD = "right-Pa55word";
  private static final String WRONG = "wrong-Pa55word";

  private static Path hbaFile;
  private static String originalHba;

  @BeforeAll
  static void askTheProbeRoleForItsPassword() throws Exception {
    TestDatabase.execute("DROP ROLE IF EXISTS " + ROLE);
    TestDatabase.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
    hbaFile = Path.of(setting("SHOW hba_file"));
    originalHba = Files.readString(hbaFile, StandardCharsets.UTF_8);
    Files.writeString(hbaFile, "host all " + ROLE + " 127.0.0.1/32 scram-sha-256\n"
        + "host all " + ROLE + " ::1/128 scram-sha-256\n" + originalHba, StandardCharsets.UTF_8);
    TestDatabase.execute("SELECT pg_reload_conf()");
  }

  @AfterAll
  static void restore() throws IOException {
    Files.writeString(hbaFile, originalHba, StandardCharsets.UTF_8);
    TestDatabase.execute("SELECT pg_reload_conf()");
    TestDatabase.execute("DROP ROLE IF EXISTS " + ROLE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "wrong password, " + ROLE + ", " + WRONG + ", postgres, 28P01",
      "unknown role, no_such_role_probe, " + WRONG + ", postgres, 28000",
      "unknown database, postgres, , no_such_database_probe, 3D000"})
  void failsWithinAboutASecondWithOneExceptionOnEveryPath(String what, String user, String password,
      String database, String sqlState) {
    Set<String> messages = new LinkedHashSet<>();
    List<Function<TaskStore, Object>> paths = List.of(
        store -> store.tasks().count(TaskFilter.all()),
        store -> store.async().tasks().count(TaskFilter.all()).join(),
        TaskStore::migrate,
        store -> store.inTransaction(tx -> tx.tasks().count(TaskFilter.all())));
    for (PoolMode mode : PoolMode.values()) {
      for (Function<TaskStore, Object> path : paths) {
        TaskStoreConfig.Builder config = TaskStoreConfig.builder()
            .url(TestDatabase.server().jdbcUrl().replaceFirst("/postgres\\?.*", "/" + database))
            .username(user).poolMode(mode).minimumIdle(0); // the default connectionTimeout, 30 s
        if (password != null) {
          config.password(password);
        }
        try (TaskStore store = TaskStore.open(config.build())) {
          long start = System.nanoTime();
          Throwable failure = catchFailure(() -> path.apply(store));
          Duration took = Duration.ofNanos(System.nanoTime() - start);

          assertThat(took).as("%s, %s", what, mode).isLessThan(Duration.ofSeconds(2));
          assertThat(failure).isInstanceOfSatisfying(ConnectionException.class, e -> {
            assertThat(e.sqlState()).hasValue(sqlState);
            assertThat(e.getMessage()).startsWith("the database refused the connection: ")
                .doesNotContain(WRONG).doesNotContain(PASSWORD);
            messages.add(e.getMessage());
          });
        }
      }
    }
    assertThat(messages).as("one message on every path").hasSize(1);
  }

  @Test
  void theRightPasswordStillConnects() {
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(TestDatabase.server().jdbcUrl())
        .username(ROLE).password(PASSWORD).minimumIdle(0).build())) {
      String user = store.jdbc(c -> c.getMetaData().getUserName());
      assertThat(user).isEqualTo(ROLE);
    }
  }

  @Test
  void aServerThatIsDownIsWaitedForUpToTheConnectionTimeout() {
    Duration timeout = Duration.ofMillis(1500);
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder()
        .url("jdbc:postgresql://localhost:" + TestSql.freePort() + "/postgres").minimumIdle(0)
        .connectionTimeout(timeout).build())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> store.tasks().count(TaskFilter.all())).isInstanceOf(ConnectionException.class)
          .hasMessageNotContaining("refused the connection:");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout.minusMillis(100));
    }
  }

  private static Throwable catchFailure(Runnable call) {
    try {
      call.run();
    } catch (CompletionException e) {
      return e.getCause();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  private static String setting(String sql) throws Exception {
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
