package dev.taskstore.spring.autoconfigure;

import dev.taskstore.TaskStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code taskstore} health indicator, when the application has spring-boot-health (Actuator brings it) and
 * one TaskStore bean, its own or {@link TaskStoreAutoConfiguration}'s. A separate auto-configuration so that
 * the store's bean is registered before the condition on it is evaluated.
 */
@AutoConfiguration(after = TaskStoreAutoConfiguration.class)
@ConditionalOnClass({TaskStore.class, HealthIndicator.class})
@ConditionalOnSingleCandidate(TaskStore.class)
public class TaskStoreHealthAutoConfiguration {

  /**
   * @param store the store
   * @return the indicator, named {@code taskstoreHealthIndicator} (shown as {@code taskstore})
   */
  @Bean
  @ConditionalOnMissingBean(name = "taskstoreHealthIndicator")
  public TaskStoreHealthIndicator taskstoreHealthIndicator(TaskStore store) {
    return new TaskStoreHealthIndicator(store);
  }
}
