package dev.taskstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.TaskBase;
import dev.taskstore.TaskStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Boot application with Boot 4.0.7's Flyway auto-configuration (over Flyway 13) on all defaults
 * (classpath:db/migration, flyway_schema_history in public) and taskstore in schema {@code taskstore}: the
 * application's V1 refers to {@code taskstore.task}, so start-up succeeds only when taskstore migrated first;
 * each history holds only its own migrations.
 */
@SpringBootTest(classes = FlywayMigrationOrderTest.App.class, properties = "taskstore.schema=taskstore")
class FlywayMigrationOrderTest {

  private static final String URL = TestDatabases.fresh();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
  }

  @Autowired Flyway flyway;
  @Autowired TaskStore store;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConfigurableListableBeanFactory beans;

  @Test
  void taskstoreMigratesBeforeTheApplicationsFlywayAndEachHistoryHoldsItsOwn() {
    // Boot made the Flyway bean (and so its initializer) depend on taskstore's migrator (TaskStoreDatabaseInitializerDetector)
    assertThat(beans.getBeanDefinition("flyway").getDependsOn()).contains("taskStoreMigrator");
    assertThat(flyway.info().applied()).hasSize(1);
    assertThat(TestDatabases.query(URL, "SELECT script FROM public.flyway_schema_history WHERE type = 'SQL'"))
        .containsExactly("V1__task_label.sql");
    assertThat(TestDatabases.query(URL, "SELECT script FROM taskstore.taskstore_schema_history WHERE type = 'SQL' "
        + "ORDER BY 1")).containsExactly("V1__create_task_schema.sql", "V2__task_version_and_idempotency_key.sql",
        "V3__task_search.sql", "V4__unicode_blank_checks.sql",
            "V5__task_counters.sql", "V6__task_counters_cheaper_writes.sql");
    assertThat(TestDatabases.tables(URL, "public")).containsExactly("flyway_schema_history", "task_label");

    long id = store.tasks().create(TaskBase.of("labelled")).id();
    jdbc.update("INSERT INTO task_label (task_id, label) VALUES (?, ?)", id, "urgent");
    assertThat(jdbc.queryForObject("SELECT label FROM task_label WHERE task_id = ?", String.class, id))
        .isEqualTo("urgent");
  }

  /**
   * taskstore and the application both in public: Flyway refuses to start its history in a schema that already
   * has taskstore's tables (which itself shows taskstore ran first) unless told to baseline below V1.
   */
  @Test
  void besideTaskstoreInPublicTheApplicationsFlywayBaselinesBelowItsFirstVersion() {
    String url = TestDatabases.fresh();
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            TaskStoreAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.hikari.maximum-pool-size=2",
            "spring.flyway.locations=classpath:db/migration-public");
    runner.run(context -> assertThat(context.getStartupFailure()).hasMessageContaining("non-empty schema"));
    runner.withPropertyValues("spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(TestDatabases.query(url, "SELECT script FROM flyway_schema_history WHERE type = 'SQL'"))
              .containsExactly("V1__task_label.sql");
          assertThat(TestDatabases.query(url, "SELECT script FROM taskstore_schema_history WHERE type = 'SQL' "
              + "ORDER BY 1")).containsExactly("V1__create_task_schema.sql", "V2__task_version_and_idempotency_key.sql",
              "V3__task_search.sql", "V4__unicode_blank_checks.sql",
            "V5__task_counters.sql", "V6__task_counters_cheaper_writes.sql");
          assertThat(TestDatabases.tables(url, "public")).contains("task", "task_label");
        });
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
