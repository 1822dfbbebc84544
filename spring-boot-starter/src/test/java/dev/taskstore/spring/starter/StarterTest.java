package dev.taskstore.spring.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** An application with only the starter and spring.datasource.url: Boot's pool, taskstore on it, migrated. */
class StarterTest {

  @Test
  void theStarterAloneGivesAMigratedStoreOnBootsOnlyPoolInBootsTransactions() {
    SpringApplication app = new SpringApplication(App.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    try (ConfigurableApplicationContext context = app.run(
        "--spring.datasource.url=" + EmbeddedDatabase.shared().jdbcUrl(),
        "--spring.datasource.hikari.maximum-pool-size=2", "--spring.main.banner-mode=off")) {
      TaskStore store = context.getBean(TaskStore.class);
      assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
      assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
      assertThat(store.config().dataSource()).containsSame(context.getBean(DataSource.class));

      TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
      transactions.executeWithoutResult(status -> {
        store.tasks().create(TaskBase.of("rolled back with Spring's transaction"));
        status.setRollbackOnly();
      });
      long id = store.tasks().create(TaskBase.of("kept")).id();
      assertThat(store.tasks().findById(id)).isPresent();
      assertThat(store.tasks().list(dev.taskstore.TaskQuery.firstPage()).items())
          .extracting(t -> t.title()).containsExactly("kept");
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
