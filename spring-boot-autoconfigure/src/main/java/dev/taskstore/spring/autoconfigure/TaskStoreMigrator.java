package dev.taskstore.spring.autoconfigure;

import dev.taskstore.TaskStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs taskstore's bundled migrations when the context starts. Spring Boot treats this bean as a database
 * initializer ({@link TaskStoreDatabaseInitializerDetector}): the application's Flyway, and beans marked
 * {@code @DependsOnDatabaseInitialization}, wait for it.
 */
public class TaskStoreMigrator implements InitializingBean {

  private static final Log log = LogFactory.getLog(TaskStoreMigrator.class);

  private final TaskStore store;
  private final boolean enabled;
  private volatile int migrationsRun;

  /**
   * @param store the store to migrate
   * @param enabled false to do nothing ({@code taskstore.migrate=false})
   */
  public TaskStoreMigrator(TaskStore store, boolean enabled) {
    this.store = store;
    this.enabled = enabled;
  }

  @Override
  public void afterPropertiesSet() {
    if (!enabled) {
      return;
    }
    migrationsRun = store.migrate();
    if (migrationsRun > 0) {
      log.info("taskstore: ran " + migrationsRun + " migration(s) in schema " + store.config().schema());
    }
  }

  /** @return how many migrations the start-up ran (0 when disabled or up to date) */
  public int migrationsRun() {
    return migrationsRun;
  }
}
