package dev.taskstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.TaskStoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/** The application's Flyway with all defaults beside taskstore's migrations, each run on a database of its own. */
class AppMigrationsTest {

  private static final String DATABASE = "app_migrations_probe";

  private TaskStoreConfig config;

  @BeforeEach
  void freshDatabase() {
    ExampleDatabase.execute("DROP DATABASE IF EXISTS " + DATABASE);
    ExampleDatabase.execute("CREATE DATABASE " + DATABASE);
    config = TaskStoreConfig.builder().url(url()).schema(AppMigrations.TASKSTORE_SCHEMA).minimumIdle(0)
        .maximumPoolSize(2).build();
  }

  @AfterEach
  void dropDatabase() {
    ExampleDatabase.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
  }

  @Test
  void appliesTaskstoresMigrationsThenTheApplicationsAndWritesBothInOneTransaction() throws Exception {
    String output = run();

    assertThat(output).isEqualTo("""
        taskstore migrations (taskstore.taskstore_schema_history): 6 applied
        application migrations (flyway_schema_history): 2 applied
          applied V1 create task label
          applied V2 index task label by label
        task #1 "Prepare the budget" labels: [finance, q4]
        a label given twice -> UniqueViolationException, constraint task_label_pkey, HTTP 400; tasks after the rollback: 1
        after deleting the task through taskstore, its labels: [] (ON DELETE CASCADE in the application's migration)
        """);
    assertThat(strings("SELECT version FROM taskstore.taskstore_schema_history WHERE type = 'SQL' "
        + "ORDER BY installed_rank")).containsExactly("1", "2", "3", "4", "5", "6");
    assertThat(strings("SELECT version || ' ' || type FROM public.flyway_schema_history ORDER BY installed_rank"))
        .containsExactly("1 SQL", "2 SQL");
    assertThat(strings("SELECT table_schema || '.' || table_name FROM information_schema.tables "
        + "WHERE table_schema IN ('public', 'taskstore') ORDER BY 1")).containsExactly(
        "public.flyway_schema_history", "public.task_label", "taskstore.task", "taskstore.task_count",
        "taskstore.task_count_by_user", "taskstore.taskstore_schema_history", "taskstore.team",
        "taskstore.teamuserlink", "taskstore.user");
  }

  @Test
  void aSecondRunFindsBothHistoriesUpToDate() throws Exception {
    run();

    String second = run();

    assertThat(second).startsWith("""
        taskstore migrations (taskstore.taskstore_schema_history): up to date
        application migrations (flyway_schema_history): up to date
        task #3 "Prepare the budget" labels: [finance, q4]
        """);
  }

  @Test
  void taskstoresNextVersionStillAppliesAfterTheApplicationsMigrations() throws Exception {
    run();

    // taskstore as a later release would configure it: its bundled location plus a new version (V100, above any
    // version taskstore ships).
    int applied = Flyway.configure()
        .dataSource(url(), null, null)
        .locations("classpath:dev/taskstore/migration", "classpath:db/taskstore-next")
        .table("taskstore_schema_history")
        .schemas(AppMigrations.TASKSTORE_SCHEMA)
        .load()
        .migrate()
        .migrationsExecuted;

    assertThat(applied).isEqualTo(1);
    assertThat(strings("SELECT version FROM taskstore.taskstore_schema_history WHERE type = 'SQL' "
        + "ORDER BY installed_rank")).containsExactly("1", "2", "3", "4", "5", "6", "100");
    assertThat(AppMigrations.applicationFlyway(config).validateWithResult().validationSuccessful).isTrue();
  }

  @Test
  @DisabledIfEnvironmentVariable(named = "DATABASE_URL", matches = ".*\\S.*",
      disabledReason = "main then runs on that database, not an embedded one")
  void mainRunsOnAnEmbeddedDatabaseOfItsOwn() {
    String output = StandardOut.capture(() -> AppMigrations.main(new String[0]));

    assertThat(output).startsWith("taskstore migrations (taskstore.taskstore_schema_history): 6 applied")
        .contains("application migrations (flyway_schema_history): 2 applied")
        .contains("labels: [finance, q4]")
        .contains("its labels: []");
  }

  private String run() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AppMigrations.run(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private List<String> strings(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String url() {
    return EmbeddedDatabase.shared().jdbcUrl().replace("/postgres?", "/" + DATABASE + "?");
  }
}
