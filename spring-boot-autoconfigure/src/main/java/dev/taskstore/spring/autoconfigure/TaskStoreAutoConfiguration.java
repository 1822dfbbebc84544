package dev.taskstore.spring.autoconfigure;

import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.ValidationException;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A {@link TaskStore} over the application's single {@link DataSource}, joining Spring-managed transactions
 * through {@link SpringConnectionSource} (never a second pool); its migrations at start-up, before the
 * application's Flyway; the health indicator is
 * {@link TaskStoreHealthAutoConfiguration}'s.
 *
 * <p>Class names rather than classes in {@code afterName}/{@code beforeName}, so that neither spring-boot-jdbc
 * nor spring-boot-flyway has to be on the classpath.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(TaskStore.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(TaskStoreProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class TaskStoreAutoConfiguration {

  /**
   * The store over the application's DataSource. Closing it (at context shutdown) does not close the
   * DataSource.
   *
   * @param dataSource the application's DataSource
   * @param properties the {@code taskstore.*} properties
   * @param observations the application's {@link ObservationRegistry}, when it has one (Boot's, with Actuator):
   *     every database call and transaction is then an Observation, a span under the request's
   * @return the store
   * @throws InvalidTaskStorePropertyException naming the {@code taskstore.*} property that is invalid
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public TaskStore taskStore(DataSource dataSource, TaskStoreProperties properties,
      ObjectProvider<ObservationRegistry> observations) {
    return TaskStore.open(config(dataSource, properties, observations.getIfAvailable()));
  }

  static TaskStoreConfig config(DataSource dataSource, TaskStoreProperties properties,
      ObservationRegistry observations) {
    TaskStoreConfig.Builder builder = TaskStoreConfig.builder()
        .connectionSource(new SpringConnectionSource(dataSource))
        .observationRegistry(observations)
        .schema(properties.getSchema())
        .asyncQueueCapacity(properties.getAsyncQueueCapacity())
        .asyncReadRoundTrips(properties.getAsyncReadRoundTrips())
        .poolName(properties.getPoolName())
        .shutdownTimeout(properties.getShutdownTimeout())
        .slowCallThreshold(properties.getSlowCallThreshold())
        .observeQueryText(properties.isObserveQueryText());
    if (properties.getAsyncConcurrency() != null) {
      builder.asyncConcurrency(properties.getAsyncConcurrency());
    }
    try {
      return builder.build();
    } catch (ValidationException e) {
      throw new InvalidTaskStorePropertyException(e);
    }
  }

  /**
   * Runs the store's migrations at start-up unless {@code taskstore.migrate=false}. Also over a TaskStore
   * the application defines itself.
   *
   * @param store the store
   * @param properties the {@code taskstore.*} properties
   * @return the migrator
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(TaskStore.class)
  public TaskStoreMigrator taskStoreMigrator(TaskStore store, TaskStoreProperties properties) {
    return new TaskStoreMigrator(store, properties.isMigrate());
  }
}
