package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application's Flyway with all of Flyway's defaults (its {@code classpath:db/migration}, here two test
 * migrations; history {@code flyway_schema_history}) and taskstore's {@code migrate()} on one database: each
 * applies and records only its own migrations, in either order.
 */
class HostFlywayTest {

  @RegisterExtension
  final ScratchDatabase database = new ScratchDatabase("host_flyway_probe");

  @Test
  void theHostFirstThenTaskstoreInTheSameSchema() {
    assertThat(hostFlyway().migrate().migrationsExecuted).isEqualTo(2);
    assertThat(migrateTaskstore("public")).isEqualTo(TestDatabase.bundledMigrations());

    assertHistories("public");
    assertThat(hostFlyway().migrate().migrationsExecuted).isZero();
    assertThat(hostFlyway().validateWithResult().validationSuccessful).isTrue();
    assertThat(migrateTaskstore("public")).isZero();
  }

  @Test
  void taskstoreFirstThenTheHostWithTaskstoreInASchemaOfItsOwn() {
    assertThat(migrateTaskstore("taskstore")).isEqualTo(TestDatabase.bundledMigrations());
    assertThat(hostFlyway().migrate().migrationsExecuted).isEqualTo(2);

    assertHistories("taskstore");
  }

  @Test
  void theHostFirstThenTaskstoreInASchemaOfItsOwn() {
    assertThat(hostFlyway().migrate().migrationsExecuted).isEqualTo(2);
    assertThat(migrateTaskstore("taskstore")).isEqualTo(TestDatabase.bundledMigrations());

    assertHistories("taskstore");
  }

  /**
   * Flyway itself refuses to start a history in a schema that already has tables, unless told to baseline:
   * so a host that shares public with taskstore and migrates after it sets {@code baselineOnMigrate}, or gives
   * taskstore a schema of its own (above).
   */
  @Test
  void taskstoreFirstInPublicNeedsTheHostToBaseline() {
    assertThat(migrateTaskstore("public")).isEqualTo(TestDatabase.bundledMigrations());

    assertThatThrownBy(() -> hostFlyway().migrate()).isInstanceOf(FlywayException.class)
        .hasMessageContaining("non-empty schema");
    int applied = Flyway.configure().dataSource(database.url(), null, null).baselineOnMigrate(true)
        .baselineVersion("0").load().migrate().migrationsExecuted;

    assertThat(applied).isEqualTo(2);
    assertHistories("public");
  }

  private void assertHistories(String taskstoreSchema) {
    assertThat(database.strings("SELECT version FROM public.flyway_schema_history WHERE type = 'SQL' ORDER BY 1"))
        .containsExactly("1", "2");
    assertThat(database.strings("SELECT script FROM public.flyway_schema_history WHERE type = 'SQL' ORDER BY 1"))
        .containsExactly("V1__create_account.sql", "V2__add_account_email.sql");
    assertThat(database.strings("SELECT script FROM " + taskstoreSchema + ".taskstore_schema_history WHERE type = 'SQL' ORDER BY 1"))
        .containsExactly("V1__create_task_schema.sql", "V2__task_version_and_idempotency_key.sql",
            "V3__task_search.sql", "V4__unicode_blank_checks.sql",
            "V5__task_counters.sql", "V6__task_counters_cheaper_writes.sql");
    assertThat(database.strings("SELECT count(*)::text FROM public.account")).containsExactly("0");
    try (TaskStore store = TaskStore.open(config(taskstoreSchema))) {
      assertThat(store.tasks().create(TaskBase.of("beside the host")).id()).isEqualTo(1);
    }
  }

  private int migrateTaskstore(String schema) {
    try (TaskStore store = TaskStore.open(config(schema))) {
      return store.migrate();
    }
  }

  private TaskStoreConfig config(String schema) {
    return TaskStoreConfig.builder().url(database.url()).schema(schema).minimumIdle(0).maximumPoolSize(2).build();
  }

  private Flyway hostFlyway() {
    return Flyway.configure().dataSource(database.url(), null, null).load();
  }


}
