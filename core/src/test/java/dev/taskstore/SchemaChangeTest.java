package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A migration that changes a column's type while the application runs, as in a rolling deploy. pgjdbc
 * prepares a statement on the server after 5 executions on a connection; PostgreSQL then refuses to run that
 * prepared statement when its result columns change: "cached plan must not change result type" (0A000).
 */
class SchemaChangeTest {

  private static final String DB = "schema_change_probe";
  private static final String CHANGE_TYPE = "ALTER TABLE team ALTER COLUMN name TYPE varchar(200)";

  private String url;
  private TaskStore store;
  private long team;

  @BeforeEach
  void freshDatabaseAndWarmConnections() {
    url = TestDatabase.createDatabase(DB);
    store = TaskStore.open(TaskStoreConfig.builder().url(url).minimumIdle(2).maximumPoolSize(2)
        .poolName("schema-change").migrateOnOpen(true).build());
    team = store.teams().create("core").id();
    // Both pooled connections run the same read often enough to have it prepared on the server.
    store.useTransaction(outer -> {
      readTeamSixTimes(outer);
      store.useTransaction(this::readTeamSixTimes);
    });
  }

  @AfterEach
  void dropDatabase() {
    store.close();
    TestDatabase.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
  }

  @Test
  void outsideATransactionTheDriverPreparesTheStatementAgainAndTheCallSucceeds() {
    migrate(CHANGE_TYPE);
    for (int i = 0; i < 3; i++) {
      assertThat(store.teams().get(team).name()).isEqualTo("core");
    }
  }

  @Test
  void inATransactionTheFirstCallFailsRetryablyAndThePoolIsReplaced() {
    migrate(CHANGE_TYPE);
    assertThatThrownBy(() -> store.inTransaction(tx -> tx.teams().get(team)))
        .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.sqlState()).contains("0A000"));
    // Both connections had the stale statement; both were replaced, so nothing fails any more.
    for (int i = 0; i < 3; i++) {
      store.useTransaction(outer -> {
        readTeamSixTimes(outer);
        store.useTransaction(this::readTeamSixTimes);
      });
    }
  }

  @Test
  void aTransactionWithRetriesRidesOverTheSchemaChange() {
    migrate(CHANGE_TYPE);
    TeamRead read = store.inTransaction(TransactionOptions.defaults().withRetries(1), tx -> tx.teams().get(team));
    assertThat(read.name()).isEqualTo("core");
  }

  private Void readTeamSixTimes(Transaction tx) {
    for (int i = 0; i < 6; i++) {
      tx.teams().get(team);
    }
    return null;
  }

  /** Another process migrates the schema under the running store. */
  private void migrate(String sql) {
    try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
