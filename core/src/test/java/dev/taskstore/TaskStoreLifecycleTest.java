package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The store itself: migrate, pool statistics, configuration, close. */
class TaskStoreLifecycleTest extends DatabaseTest {

  @Test
  void migrateOnACurrentSchemaRunsNothing() {
    assertThat(store.migrate()).isZero();
    assertThat(store.migrate()).isZero();
  }

  @Test
  void aMigrationHistoryThatDisagreesWithTheBundledMigrationsIsADatabaseError() throws Exception {
    String url = TestDatabase.createDatabase("tampered_history");
    try (TaskStore other = TaskStore.open(TaskStoreConfig.builder().url(url).minimumIdle(0).maximumPoolSize(2)
        .build())) {
      assertThat(other.migrate()).isPositive();
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
          java.sql.Statement s = c.createStatement()) {
        s.execute("UPDATE taskstore_schema_history SET checksum = 42 WHERE version = '1'");
      }
      DatabaseException e = org.assertj.core.api.Assertions.catchThrowableOfType(DatabaseException.class,
          other::migrate);
      assertThat(e.getMessage()).startsWith("migrating the schema failed").contains("checksum");
      assertThat(e.httpStatus()).isEqualTo(500);
    } finally {
      TestDatabase.execute("DROP DATABASE tampered_history");
    }
  }

  @Test
  void poolStatsReportTheConfiguredMaximumAndTheConnectionsInUse() {
    PoolStats idle = store.poolStats();
    assertThat(idle.maximum()).isEqualTo(store.config().maximumPoolSize()).isEqualTo(20);
    assertThat(idle.active()).isZero();
    assertThat(idle.waiting()).isZero();
    assertThat(idle.total()).isBetween(0, 20);
    PoolStats busy = store.inTransaction(tx -> {
      tx.tasks().count(TaskFilter.all());
      return store.poolStats();
    });
    assertThat(busy.active()).isEqualTo(1);
    assertThat(busy.total()).isGreaterThanOrEqualTo(1);
    assertThat(store.poolStats().active()).isZero();
  }

  @Test
  void withoutAPoolEveryPoolStatIsZero() {
    try (TaskStore unpooled = TaskStore.open(TestDatabase.config().poolMode(PoolMode.NONE).build())) {
      assertThat(unpooled.tasks().count(TaskFilter.all())).isZero();
      assertThat(unpooled.poolStats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0));
    }
  }

  @Test
  void withoutAPoolEveryOperationWorks() {
    try (TaskStore unpooled = TaskStore.open(TestDatabase.config().poolMode(PoolMode.NONE).build())) {
      UserRead ann = unpooled.users().create("ann@example.org");
      long id = unpooled.inTransaction(TransactionOptions.serializable(),
          tx -> tx.tasks().create(TaskBase.builder("t").userId(ann.id()).build()).id());
      assertThat(unpooled.tasks().findWithUser(id).orElseThrow().user()).contains(ann);
    }
  }

  @Test
  void configIsTheOneTheStoreWasOpenedWith() {
    TaskStoreConfig config = TestDatabase.config().poolName("config-probe").minimumIdle(0).build();
    try (TaskStore own = TaskStore.open(config)) {
      assertThat(own.config()).isSameAs(config);
    }
  }

  @Test
  void closeIsIdempotent() {
    TaskStore own = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(2).build());
    own.tasks().count(TaskFilter.all());
    own.close();
    own.close();
  }
}
