package dev.taskstore.spring.autoconfigure;

import dev.taskstore.TaskStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when taskstore can get a connection and the database answers; down, with the exception's type and
 * message, otherwise. Detail {@code schema}: taskstore's schema.
 */
public class TaskStoreHealthIndicator extends AbstractHealthIndicator {

  private static final int VALID_TIMEOUT_SECONDS = 2;

  private final TaskStore store;

  /** @param store the store to check */
  public TaskStoreHealthIndicator(TaskStore store) {
    super("taskstore health check failed");
    this.store = store;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("schema", store.config().schema());
    try {
      boolean valid = store.jdbc(connection -> connection.isValid(VALID_TIMEOUT_SECONDS));
      if (valid) {
        builder.up();
      } else {
        builder.down().withDetail("error", "the connection did not answer within " + VALID_TIMEOUT_SECONDS + " s");
      }
    } catch (RuntimeException e) {
      builder.down().withDetail("error", e.getClass().getName() + ": " + e.getMessage());
    }
  }
}
