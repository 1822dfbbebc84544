package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store inside transactions the application runs, through a {@link ConnectionSource} that binds one
 * connection to the thread while the application's transaction is open, as Spring's transaction managers do.
 */
class HostTransactionTest extends DatabaseTest {

  private HikariDataSource pool;
  private ThreadBound source;
  private TaskStore hosted;

  @BeforeEach
  void openOverTheApplicationsTransactions() {
    HikariConfig h = new HikariConfig();
    h.setJdbcUrl(TestDatabase.server().jdbcUrl());
    h.setMaximumPoolSize(3);
    h.setMinimumIdle(0);
    pool = new HikariDataSource(h);
    source = new ThreadBound(pool);
    hosted = TaskStore.open(TaskStoreConfig.builder().connectionSource(source).build());
  }

  @AfterEach
  void close() {
    hosted.close();
    pool.close();
  }

  @Test
  void callsInTheApplicationsTransactionCommitWithIt() throws Exception {
    source.begin();
    TaskRead task = hosted.tasks().create(TaskBase.of("in the host's transaction"));
    assertThat(hosted.tasks().findById(task.id())).isPresent(); // a read in the transaction sees it
    assertThat(store.tasks().findById(task.id())).isEmpty(); // others do not, yet
    source.end(true);

    assertThat(store.tasks().findById(task.id())).isPresent();
  }

  @Test
  void callsInTheApplicationsTransactionRollBackWithIt() throws Exception {
    source.begin();
    UserRead ann = hosted.users().create("ann@example.org");
    hosted.tasks().create(TaskBase.builder("rolled back").userId(ann.id()).build());
    List<TaskBase> many = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      many.add(TaskBase.of("bulk " + i));
    }
    assertThat(hosted.tasks().createAll(many)).hasSize(2500); // several statements, in the host's transaction
    source.end(false);

    assertThat(store.tasks().count(TaskFilter.all())).isZero();
    assertThat(store.users().findByEmail("ann@example.org")).isEmpty();
  }

  @Test
  void inTransactionInsideTheApplicationsTransactionIsASavepoint() throws Exception {
    source.begin();
    TaskRead kept = hosted.tasks().create(TaskBase.of("kept"));
    assertThatThrownBy(() -> hosted.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("undone"));
      throw new IllegalStateException("block fails");
    })).isInstanceOf(IllegalStateException.class);
    TaskRead inner = hosted.inTransaction(tx -> tx.tasks().create(TaskBase.of("inner, kept")));
    source.end(true);

    assertThat(store.tasks().list(TaskQuery.firstPage()).items()).extracting(TaskRead::title)
        .containsExactly("kept", "inner, kept");
    assertThat(inner.id()).isGreaterThan(kept.id());
  }

  @Test
  void optionsThatOnlyTheApplicationsTransactionCouldApplyAreRefusedInsideIt() throws Exception {
    source.begin();
    try {
      assertThatThrownBy(() -> hosted.inTransaction(TransactionOptions.serializable(), tx -> null))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("options"));
      assertThatThrownBy(() -> hosted.inTransaction(TransactionOptions.defaults().withRetries(2), tx -> null))
          .isInstanceOf(ValidationException.class);
    } finally {
      source.end(false);
    }
  }

  @Test
  void outsideTheApplicationsTransactionEachCallIsItsOwnUnitOfWork() {
    TaskRead task = hosted.tasks().create(TaskBase.of("alone"));
    assertThat(store.tasks().findById(task.id())).isPresent();
    assertThatThrownBy(() -> hosted.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("rolled back by taskstore"));
      throw new IllegalArgumentException("no");
    })).isInstanceOf(IllegalArgumentException.class);
    long serializable = hosted.inTransaction(TransactionOptions.serializable().withRetries(2),
        tx -> tx.tasks().count(TaskFilter.all()));
    assertThat(serializable).isEqualTo(1);
  }

  @Test
  void aFailedStatementAbortsTheApplicationsTransaction() throws Exception {
    source.begin();
    hosted.users().create("bob@example.org");
    assertThatThrownBy(() -> hosted.users().create("BOB@example.org")).isInstanceOf(UniqueViolationException.class);
    assertThatThrownBy(() -> hosted.tasks().count(TaskFilter.all())).isInstanceOf(DatabaseException.class)
        .hasMessageContaining("25P02");
    source.end(false);
    assertThat(store.users().findByEmail("bob@example.org")).isEmpty();
  }

  @Test
  void aNullConnectionSourceOrOneBesideADataSourceOrPoolSettingsIsRefused() {
    assertThatThrownBy(() -> TaskStoreConfig.builder().connectionSource(null).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("connectionSource"));
    assertThatThrownBy(() -> TaskStoreConfig.builder().connectionSource(source).dataSource(pool).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("connectionSource"));
    assertThatThrownBy(() -> TaskStoreConfig.builder().connectionSource(source).maximumPoolSize(3).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("maximumPoolSize"));
    assertThat(hosted.config().connectionSource()).containsSame(source);
    assertThat(hosted.config().dataSource()).containsSame(pool);
  }

  /** The application's transaction manager in miniature: one connection bound to the thread while open. */
  private static final class ThreadBound implements ConnectionSource {
    private final DataSource dataSource;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    ThreadBound(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    void begin() throws SQLException {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(false);
      bound.set(c);
    }

    void end(boolean commit) throws SQLException {
      Connection c = bound.get();
      bound.remove();
      if (commit) {
        c.commit();
      } else {
        c.rollback();
      }
      c.setAutoCommit(true);
      c.close();
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = bound.get();
      return c != null ? c : dataSource.getConnection();
    }

    @Override
    public void releaseConnection(Connection connection) throws SQLException {
      if (connection != bound.get()) {
        connection.close();
      }
    }

    @Override
    public boolean isTransactional(Connection connection) {
      return connection == bound.get();
    }

    @Override
    public DataSource dataSource() {
      return dataSource;
    }
  }
}
