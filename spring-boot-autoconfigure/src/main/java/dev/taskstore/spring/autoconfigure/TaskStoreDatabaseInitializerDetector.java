package dev.taskstore.spring.autoconfigure;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link TaskStoreMigrator} initializes the database, ordered before Flyway's detectors
 * (order 0 and 1 in Boot 4.0), so that Boot makes the application's Flyway (and beans that depend on database
 * initialization) depend on taskstore's migrations. Registered in {@code META-INF/spring.factories}.
 */
public class TaskStoreDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

  /** Before {@code FlywayDatabaseInitializerDetector} (0) and Liquibase's (0). */
  static final int ORDER = -100;

  @Override
  protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
    return Set.of(TaskStoreMigrator.class);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
