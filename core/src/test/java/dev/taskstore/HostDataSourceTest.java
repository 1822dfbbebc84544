package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A store over the application's own DataSource: it pools nothing, closes nothing, refuses pool settings. */
class HostDataSourceTest extends DatabaseTest {

  private HikariDataSource hostPool;

  @BeforeEach
  void openTheApplicationsPool() {
    hostPool = hostPool(true);
  }

  @AfterEach
  void closeTheApplicationsPool() {
    hostPool.close();
  }

  @Test
  void aStoreOverTheApplicationsHikariPoolWorksAndLeavesThePoolOpenOnClose() throws Exception {
    TaskStore hosted = TaskStore.open(TaskStoreConfig.builder().dataSource(hostPool).build());
    TaskRead task = hosted.tasks().create(TaskBase.builder("on the host's pool").priority(Priority.HIGH).build());
    assertThat(hosted.tasks().get(task.id()).title()).isEqualTo("on the host's pool");
    assertThat(store.tasks().get(task.id()).priority()).isEqualTo(Priority.HIGH); // the same database
    long counted = hosted.inTransaction(tx -> tx.tasks().count(TaskFilter.all()));
    assertThat(counted).isEqualTo(1);
    assertThat(hosted.poolStats().maximum()).isZero(); // no pool of its own

    hosted.close();

    assertThat(hostPool.isClosed()).isFalse();
    try (Connection c = hostPool.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
    assertThatThrownBy(() -> hosted.tasks().count(TaskFilter.all())).isInstanceOf(ConnectionException.class);
  }

  @Test
  void aTransactionReturnsTheApplicationsConnectionInAutoCommitMode() throws Exception {
    HikariDataSource single = hostPool(true, 1);
    try (TaskStore hosted = TaskStore.open(TaskStoreConfig.builder().dataSource(single).build())) {
      hosted.inTransaction(TransactionOptions.readOnlyTransaction(),
          tx -> tx.tasks().count(TaskFilter.all()));
      try (Connection c = single.getConnection()) { // the only connection: the one the transaction used
        assertThat(c.getAutoCommit()).isTrue();
        assertThat(c.isReadOnly()).isFalse();
      }
    } finally {
      single.close();
    }
  }

  @Test
  void asynchronousCallsOverTheDataSourceAreBoundedByAsyncConcurrency() {
    TaskStoreConfig defaults = TaskStoreConfig.builder().dataSource(hostPool).build();
    assertThat(defaults.asyncConcurrency()).isEqualTo(TaskStoreConfig.DEFAULT_ASYNC_CONCURRENCY_WITH_DATA_SOURCE);

    try (TaskStore hosted = TaskStore.open(TaskStoreConfig.builder().dataSource(hostPool).asyncConcurrency(2)
        .build())) {
      List<CompletableFuture<TaskRead>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        calls.add(hosted.async().tasks().create(TaskBase.of("async " + i)));
      }
      calls.forEach(CompletableFuture::join);
      assertThat(store.tasks().count(TaskFilter.all())).isEqualTo(40);
    }
  }

  @Test
  void aConnectionLentOutsideAutoCommitModeIsRefusedRatherThanLosingTheWrite() {
    HikariDataSource manual = hostPool(false);
    try (TaskStore hosted = TaskStore.open(TaskStoreConfig.builder().dataSource(manual).build())) {
      assertThatThrownBy(() -> hosted.tasks().create(TaskBase.of("never committed")))
          .isInstanceOf(DatabaseException.class).hasMessageContaining("not in auto-commit mode");
      assertThat(store.tasks().count(TaskFilter.all())).isZero();
    } finally {
      manual.close();
    }
  }

  static Stream<Arguments> poolSettings() {
    return Stream.of(
        setting("username", b -> b.username("ann")),
        setting("password", b -> b.password("secret")),
        setting("poolMode", b -> b.poolMode(PoolMode.NONE)),
        setting("minimumIdle", b -> b.minimumIdle(1)),
        setting("maximumPoolSize", b -> b.maximumPoolSize(5)),
        setting("connectionTimeout", b -> b.connectionTimeout(Duration.ofSeconds(1))),
        setting("validationTimeout", b -> b.validationTimeout(Duration.ofSeconds(1))),
        setting("idleTimeout", b -> b.idleTimeout(Duration.ofMinutes(1))),
        setting("maxLifetime", b -> b.maxLifetime(Duration.ofMinutes(5))),
        setting("keepaliveTime", b -> b.keepaliveTime(Duration.ofMinutes(1))),
        setting("statementTimeout", b -> b.statementTimeout(Duration.ofSeconds(1))),
        setting("metricsTrackerFactory", b -> b.metricsTrackerFactory(null)));
  }

  private static Arguments setting(String name, UnaryOperator<TaskStoreConfig.Builder> set) {
    return Arguments.of(name, set);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("poolSettings")
  void aPoolSettingBesideADataSourceIsRefusedByName(String name, UnaryOperator<TaskStoreConfig.Builder> set) {
    assertThatThrownBy(() -> set.apply(TaskStoreConfig.builder().dataSource(hostPool)).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(name));
    // and in the other order
    assertThatThrownBy(() -> set.apply(TaskStoreConfig.builder()).dataSource(hostPool).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(name));
  }

  @Test
  void aNullOrClosedDataSourceOrOneBesideAUrlIsRefusedBeforeAnyConnection() {
    assertThatThrownBy(() -> TaskStoreConfig.builder().dataSource(null).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("dataSource"));
    HikariDataSource closed = hostPool(true);
    closed.close();
    assertThatThrownBy(() -> TaskStoreConfig.builder().dataSource(closed).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("dataSource"))
        .hasMessageContaining("closed");
    DataSource ds = hostPool;
    assertThatThrownBy(() -> TaskStoreConfig.builder().url(TestDatabase.server().jdbcUrl()).dataSource(ds).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("dataSource"));
    assertThatThrownBy(() -> TaskStoreConfig.builder().dataSource(ds).url(TestDatabase.server().jdbcUrl()).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("dataSource"));
  }

  @Test
  void theConfigurationShowsTheDataSourceButNoUrl() {
    TaskStoreConfig c = TaskStoreConfig.builder().dataSource(hostPool).build();
    assertThat(c.dataSource()).containsSame(hostPool);
    assertThat(c.jdbcUrl()).isEmpty();
    assertThat(c.toString()).contains("dataSource=com.zaxxer.hikari.HikariDataSource");
  }

  private static HikariDataSource hostPool(boolean autoCommit) {
    return hostPool(autoCommit, 3);
  }

  private static HikariDataSource hostPool(boolean autoCommit, int size) {
    HikariConfig h = new HikariConfig();
    h.setJdbcUrl(TestDatabase.server().jdbcUrl());
    h.setMaximumPoolSize(size);
    h.setMinimumIdle(0);
    h.setAutoCommit(autoCommit);
    h.setPoolName("host-app");
    return new HikariDataSource(h);
  }
}
