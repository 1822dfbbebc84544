package dev.taskstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.ConnectionException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration in application contexts over Boot's own DataSource on a real PostgreSQL. */
class TaskStoreAutoConfigurationTest {

  private final String url = TestDatabases.fresh();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TaskStoreAutoConfiguration.class,
          TaskStoreHealthAutoConfiguration.class))
      .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.hikari.maximum-pool-size=3");

  @Test
  void theStoreRunsOverTheApplicationsDataSourceAndIsMigrated() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(TaskStore.class).hasSingleBean(TaskStoreMigrator.class);
      TaskStore store = context.getBean(TaskStore.class);
      DataSource dataSource = context.getBean(DataSource.class);
      assertThat(store.config().connectionSource()).get().isInstanceOf(SpringConnectionSource.class);
      assertThat(store.config().dataSource()).containsSame(dataSource); // no second pool
      // Every migration taskstore bundles (V1 to V6), on a fresh database.
      assertThat(context.getBean(TaskStoreMigrator.class).migrationsRun()).isEqualTo(6);
      assertThat(TestDatabases.tables(url, "public")).contains("task", "user", "team", "taskstore_schema_history");
      long id = store.tasks().create(TaskBase.of("through Spring")).id();
      assertThat(TestDatabases.query(url, "SELECT title FROM task WHERE id = " + id)).containsExactly("through Spring");
    });
    // closed with the context; the DataSource (Boot's) was closed by Boot, not by taskstore
  }

  @Test
  void theApplicationsObservationRegistryObservesEveryCall() {
    runner.withUserConfiguration(Observations.class).run(context -> {
      assertThat(context).hasNotFailed();
      TaskStore store = context.getBean(TaskStore.class);
      assertThat(store.config().observationRegistry()).containsSame(context.getBean(ObservationRegistry.class));
      List<String> names = context.getBean(Observations.class).names;
      names.clear();
      store.tasks().count(TaskFilter.all());
      assertThat(names).containsExactly("SELECT task");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class Observations {
    final List<String> names = new CopyOnWriteArrayList<>();

    @Bean
    ObservationRegistry observationRegistry() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new ObservationHandler<>() {
        @Override
        public boolean supportsContext(Observation.Context context) {
          return true;
        }

        @Override
        public void onStop(Observation.Context context) {
          names.add(context.getContextualName());
        }
      });
      return registry;
    }
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnStore() {
    runner.withUserConfiguration(OwnStore.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(TaskStore.class);
      assertThat(context.getBean(TaskStore.class)).isSameAs(context.getBean("ownStore"));
      assertThat(context.getBean(TaskStore.class).config().poolName()).isEqualTo("own");
    });
  }

  @Test
  void propertiesBind() {
    runner.withPropertyValues("taskstore.schema=tenant_x", "taskstore.async-concurrency=2",
        "taskstore.async-queue-capacity=7", "taskstore.pool-name=tenants", "taskstore.shutdown-timeout=3s",
        "taskstore.slow-call-threshold=250ms", "taskstore.observe-query-text=true",
        "taskstore.async-read-round-trips=1")
        .run(context -> {
          assertThat(context).hasNotFailed();
          TaskStoreConfig config = context.getBean(TaskStore.class).config();
          assertThat(config.schema()).isEqualTo("tenant_x");
          assertThat(config.asyncConcurrency()).isEqualTo(2);
          assertThat(config.asyncReadRoundTrips()).isEqualTo(1);
          assertThat(config.asyncQueueCapacity()).isEqualTo(7);
          assertThat(config.poolName()).isEqualTo("tenants");
          assertThat(config.shutdownTimeout()).hasSeconds(3);
          assertThat(config.slowCallThreshold()).hasMillis(250);
          assertThat(config.observeQueryText()).isTrue();
          assertThat(TestDatabases.tables(url, "tenant_x"))
              .contains("task", "user", "team", "teamuserlink", "taskstore_schema_history");
          assertThat(TestDatabases.tables(url, "public")).isEmpty();
          context.getBean(TaskStore.class).users().create("ann@example.org");
          assertThat(TestDatabases.query(url, "SELECT email FROM tenant_x.\"user\"")).containsExactly("ann@example.org");
        });
  }

  @Test
  void theDefaultsAreCores() {
    TaskStoreProperties defaults = new TaskStoreProperties();
    assertThat(defaults.getSchema()).isEqualTo(TaskStoreConfig.DEFAULT_SCHEMA);
    assertThat(defaults.isMigrate()).isTrue();
    assertThat(defaults.getAsyncQueueCapacity()).isEqualTo(TaskStoreConfig.DEFAULT_ASYNC_QUEUE_CAPACITY);
    assertThat(defaults.getAsyncConcurrency()).isNull();
    assertThat(defaults.getPoolName()).isEqualTo(TaskStoreConfig.DEFAULT_POOL_NAME);
    assertThat(defaults.getShutdownTimeout().toMillis()).isEqualTo(TaskStoreConfig.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);
    runner.run(context -> assertThat(context.getBean(TaskStore.class).config().asyncConcurrency())
        .isEqualTo(TaskStoreConfig.DEFAULT_ASYNC_CONCURRENCY_WITH_DATA_SOURCE));
  }

  @Test
  void aBadSchemaFailsStartUpNamingTheProperty() {
    runner.withPropertyValues("taskstore.schema=Tenant-X").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(dev.taskstore.ValidationException.class);
      assertThat(context.getStartupFailure()).hasMessageContaining("taskstore.schema")
          .hasStackTraceContaining("InvalidTaskStorePropertyException: Invalid property taskstore.schema: must be");
      FailureAnalysis analysis = new InvalidTaskStorePropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).startsWith("Invalid property taskstore.schema: must be a lowercase");
      assertThat(analysis.getAction()).contains("taskstore.schema");
    });
    runner.withPropertyValues("taskstore.async-concurrency=0").run(context ->
        assertThat(context.getStartupFailure()).hasMessageContaining("taskstore.async-concurrency"));
  }

  @Test
  void migrateFalseRunsNoMigration() {
    runner.withPropertyValues("taskstore.migrate=false").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(TaskStore.class);
      assertThat(context.getBean(TaskStoreMigrator.class).migrationsRun()).isZero();
      assertThat(TestDatabases.tables(url, "public")).isEmpty();
    });
  }

  @Test
  void healthIsUpThenDownOnceTheDataSourceIsClosed() {
    runner.run(context -> {
      HealthIndicator health = context.getBean("taskstoreHealthIndicator", HealthIndicator.class);
      Health up = health.health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsEntry("schema", "public");

      context.getBean(HikariDataSource.class).close();
      Health down = health.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("schema", "public");
      assertThat((String) down.getDetails().get("error")).startsWith(ConnectionException.class.getName());
    });
  }

  @Test
  void healthIsDownOverAnUnreachableDatabase() {
    runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none?user=postgres&connectTimeout=1",
        "spring.datasource.hikari.connection-timeout=250", "spring.datasource.hikari.initialization-fail-timeout=-1",
        "taskstore.migrate=false").run(context -> {
      assertThat(context).hasNotFailed();
      Health down = context.getBean("taskstoreHealthIndicator", HealthIndicator.class).health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsKey("error");
    });
  }

  @Test
  void noHealthIndicatorWithoutSpringBootHealthAndOnlyOneWhenTheApplicationHasItsOwn() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(TaskStore.class);
      assertThat(context).doesNotHaveBean("taskstoreHealthIndicator");
    });
    runner.withBean("taskstoreHealthIndicator", HealthIndicator.class, () -> () -> Health.outOfService().build())
        .run(context -> assertThat(context.getBean("taskstoreHealthIndicator", HealthIndicator.class).health()
            .getStatus()).isEqualTo(Status.OUT_OF_SERVICE));
  }

  @Test
  void noStoreWithoutADataSource() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TaskStoreAutoConfiguration.class, TaskStoreHealthAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskStore.class)
            .doesNotHaveBean(TaskStoreMigrator.class).doesNotHaveBean(TaskStoreHealthIndicator.class));
  }

  @Test
  void propertyNamesInMessagesAreKebabCase() {
    assertThat(InvalidTaskStorePropertyException.property("schema")).isEqualTo("taskstore.schema");
    assertThat(InvalidTaskStorePropertyException.property("asyncQueueCapacity")).isEqualTo("taskstore.async-queue-capacity");
  }

  @Test
  void aBeanThatDependsOnDatabaseInitializationUsesTheStoreAfterTheMigrations() {
    runner.withUserConfiguration(UsesStoreAtStartUp.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Counter.class).tasksAtStartUp).isZero(); // the table existed
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class UsesStoreAtStartUp {
    @Bean
    @DependsOnDatabaseInitialization
    Counter counter(TaskStore store) {
      return new Counter(store.tasks().count(TaskFilter.all()));
    }
  }

  record Counter(long tasksAtStartUp) {}

  @Configuration(proxyBeanMethods = false)
  static class OwnStore {
    @Bean(destroyMethod = "close")
    TaskStore ownStore(DataSource dataSource) {
      return TaskStore.open(TaskStoreConfig.builder().connectionSource(new SpringConnectionSource(dataSource))
          .poolName("own").build());
    }
  }
}
