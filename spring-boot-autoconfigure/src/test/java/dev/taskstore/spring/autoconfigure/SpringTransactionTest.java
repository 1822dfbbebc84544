package dev.taskstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.UserRead;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * taskstore inside Spring-managed transactions: Boot's own transaction manager (a JdbcTransactionManager,
 * a DataSourceTransactionManager) over Boot's DataSource, with TransactionTemplate, JdbcTemplate and a
 * {@code @Transactional} service; taskstore's writes and JdbcTemplate's commit or roll back together.
 */
@SpringBootTest(classes = SpringTransactionTest.App.class, properties = "spring.flyway.enabled=false")
class SpringTransactionTest {

  private static final String URL = TestDatabases.fresh();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
  }

  @Autowired TaskStore store;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DataSource dataSource;
  @Autowired Writer writer;

  @BeforeEach
  void empty() {
    jdbc.execute("TRUNCATE task, \"user\", team, teamuserlink RESTART IDENTITY CASCADE");
  }

  @Test
  void bootsTransactionManagerRunsOverTheStoresDataSource() {
    assertThat(transactionManager).isInstanceOf(DataSourceTransactionManager.class);
    assertThat(((DataSourceTransactionManager) transactionManager).getDataSource()).isSameAs(dataSource);
    assertThat(store.config().dataSource()).containsSame(dataSource);
  }

  @Test
  void taskstoreAndJdbcTemplateCommitTogether() {
    transactions.executeWithoutResult(status -> {
      store.tasks().create(TaskBase.of("committed"));
      jdbc.update("INSERT INTO \"user\" (email) VALUES (?)", "ann@example.org");
    });
    assertThat(committedTitles()).containsExactly("committed");
    assertThat(committedEmails()).containsExactly("ann@example.org");
  }

  @Test
  void taskstoreAndJdbcTemplateRollBackTogetherWhenTheCallbackThrows() {
    assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
      store.tasks().create(TaskBase.of("rolled back"));
      jdbc.update("INSERT INTO \"user\" (email) VALUES (?)", "ann@example.org");
      throw new IllegalStateException("the callback fails");
    })).isInstanceOf(IllegalStateException.class).hasMessage("the callback fails");
    assertThat(committedTitles()).isEmpty();
    assertThat(committedEmails()).isEmpty();
  }

  @Test
  void taskstoreAndJdbcTemplateRollBackTogetherOnSetRollbackOnly() {
    transactions.executeWithoutResult(status -> {
      store.users().create("bob@example.org");
      jdbc.update("INSERT INTO task (title) VALUES (?)", "rolled back");
      status.setRollbackOnly();
    });
    assertThat(committedTitles()).isEmpty();
    assertThat(committedEmails()).isEmpty();
  }

  @Test
  void aReadThroughTaskstoreSeesTheJdbcTemplatesRowInTheSameTransactionOnly() {
    transactions.executeWithoutResult(status -> {
      jdbc.update("INSERT INTO \"user\" (email) VALUES (?)", "cy@example.org");
      Optional<UserRead> cy = store.users().findByEmail("CY@example.org");
      assertThat(cy).isPresent();
      TaskRead task = store.tasks().create(TaskBase.builder("cy's").userId(cy.get().id()).build());
      assertThat(jdbc.queryForObject("SELECT user_id FROM task WHERE id = ?", Long.class, task.id()))
          .isEqualTo(cy.get().id());
      // another thread is outside the transaction: it sees nothing uncommitted
      assertThat(CompletableFuture.supplyAsync(() -> store.users().findByEmail("cy@example.org")).join()).isEmpty();
      assertThat(CompletableFuture.supplyAsync(() -> store.tasks().count(TaskFilter.all())).join()).isZero();
    });
    assertThat(store.users().findByEmail("cy@example.org")).isPresent();
    assertThat(store.tasks().count(TaskFilter.all())).isEqualTo(1);
  }

  @Test
  void taskstoresInTransactionInsideASpringTransactionIsASavepoint() {
    transactions.executeWithoutResult(status -> {
      store.tasks().create(TaskBase.of("kept"));
      jdbc.update("INSERT INTO \"user\" (email) VALUES (?)", "kept@example.org");
      assertThatThrownBy(() -> store.useTransaction(tx -> {
        tx.tasks().create(TaskBase.of("undone"));
        tx.users().create("undone@example.org");
        throw new IllegalArgumentException("the block fails");
      })).isInstanceOf(IllegalArgumentException.class);
      store.inTransaction(tx -> tx.tasks().create(TaskBase.of("inner, kept")));
    });
    assertThat(committedTitles()).containsExactly("kept", "inner, kept");
    assertThat(committedEmails()).containsExactly("kept@example.org");
  }

  /**
   * PROPAGATION_SUPPORTS without an outer transaction: Spring binds a connection to the thread (in auto-commit
   * mode) but runs no transaction, so taskstore runs its own units of work on it.
   */
  @Test
  void inASupportsScopeWithoutATransactionTaskstoreRunsItsOwnTransactions() {
    TransactionTemplate supports = new TransactionTemplate(transactionManager);
    supports.setPropagationBehavior(TransactionTemplate.PROPAGATION_SUPPORTS);
    supports.executeWithoutResult(status -> {
      store.tasks().create(TaskBase.of("alone"));
      assertThatThrownBy(() -> store.useTransaction(tx -> {
        tx.tasks().create(TaskBase.of("rolled back by taskstore"));
        throw new IllegalStateException("no");
      })).isInstanceOf(IllegalStateException.class);
      store.inTransaction(tx -> tx.tasks().create(TaskBase.of("committed by taskstore")));
      // the thread's connection is left as Spring bound it
      assertThat(jdbc.execute((java.sql.Connection c) -> c.getAutoCommit())).isTrue();
      status.setRollbackOnly(); // there is no transaction to roll back
    });
    assertThat(committedTitles()).containsExactly("alone", "committed by taskstore");
  }

  @Test
  void outsideASpringTransactionEachCallCommitsAlone() {
    store.tasks().create(TaskBase.of("alone"));
    assertThatThrownBy(() -> store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("rolled back by taskstore"));
      throw new IllegalStateException("no");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(committedTitles()).containsExactly("alone");
  }

  @Test
  void aTransactionalServiceMethodCommitsOrRollsBackBoth() {
    writer.write("dee@example.org", "dee's task", false);
    assertThatThrownBy(() -> writer.write("eve@example.org", "eve's task", true))
        .isInstanceOf(IllegalStateException.class);
    assertThat(committedTitles()).containsExactly("dee's task");
    assertThat(committedEmails()).containsExactly("dee@example.org");
  }

  private static java.util.List<String> committedTitles() {
    return TestDatabases.query(URL, "SELECT title FROM task ORDER BY id");
  }

  private static java.util.List<String> committedEmails() {
    return TestDatabases.query(URL, "SELECT email FROM \"user\" ORDER BY id");
  }

  /** An application service: JdbcTemplate and taskstore in one {@code @Transactional} method. */
  public static class Writer {
    private final TaskStore store;
    private final JdbcTemplate jdbc;

    public Writer(TaskStore store, JdbcTemplate jdbc) {
      this.store = store;
      this.jdbc = jdbc;
    }

    @Transactional
    public void write(String email, String title, boolean fail) {
      jdbc.update("INSERT INTO \"user\" (email) VALUES (?)", email);
      long userId = store.users().findByEmail(email).orElseThrow().id();
      store.tasks().create(TaskBase.builder(title).userId(userId).build());
      if (fail) {
        throw new IllegalStateException("the service fails after both writes");
      }
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Writer writer(TaskStore store, JdbcTemplate jdbc) {
      return new Writer(store, jdbc);
    }
  }
}
