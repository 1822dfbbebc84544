package dev.taskstore.examples.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.TaskStoreConfig;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The application's one {@link DataSource} (HikariCP), which the starter's {@code TaskStore} uses through
 * Spring's transactions; Boot's own DataSource auto-configuration steps aside for it.
 *
 * <ul>
 *   <li>Without {@code DATABASE_URL} (environment variable or Spring property): an embedded PostgreSQL
 *       ({@link EmbeddedDatabase#start()}, a fresh temporary server), stopped at shutdown after the pool.</li>
 *   <li>With it: the server it names, in any form taskstore accepts ({@code postgres://user:pw@host/db},
 *       {@code postgresql://...}, {@code jdbc:postgresql://...}), with the optional {@code DATABASE_USER} and
 *       {@code DATABASE_PASSWORD}. taskstore's own parser, through the public
 *       {@link TaskStoreConfig#fromEnvironment(Map)}, turns it into a JDBC URL and credentials, so the service
 *       accepts exactly what the JDK example does; a malformed URL fails start-up naming {@code DATABASE_URL}
 *       without echoing it.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

  static final String DATABASE_URL = TaskStoreConfig.DATABASE_URL;

  /** Without {@code DATABASE_URL}. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(NoDatabaseUrl.class)
  static class Embedded {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase() {
      return EmbeddedDatabase.start();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedDatabase database) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(database.jdbcUrl());
      config.setPoolName("examples-spring");
      return new HikariDataSource(config);
    }
  }

  /** With {@code DATABASE_URL}. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(HasDatabaseUrl.class)
  static class External {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Environment env) {
      return new HikariDataSource(hikariConfig(env));
    }
  }

  /** The pool's settings for {@code DATABASE_URL} (and the optional user and password); connects to nothing. */
  static HikariConfig hikariConfig(Environment env) {
    Map<String, String> vars = new HashMap<>();
    for (String name : new String[] {DATABASE_URL, TaskStoreConfig.DATABASE_USER, TaskStoreConfig.DATABASE_PASSWORD}) {
      String value = env.getProperty(name);
      if (value != null) {
        vars.put(name, value);
      }
    }
    TaskStoreConfig parsed = TaskStoreConfig.fromEnvironment(vars).build();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(parsed.jdbcUrl().orElseThrow());
    parsed.username().ifPresent(config::setUsername);
    parsed.password().ifPresent(config::setPassword);
    config.setPoolName("examples-spring");
    return config;
  }

  static final class NoDatabaseUrl implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty(DATABASE_URL);
      return url == null || url.isBlank();
    }
  }

  static final class HasDatabaseUrl implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !new NoDatabaseUrl().matches(context, metadata);
    }
  }
}
