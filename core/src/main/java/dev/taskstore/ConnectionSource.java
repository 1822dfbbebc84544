package dev.taskstore;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where a store takes its connections when the application manages transactions itself, for instance
 * Spring's {@code DataSourceUtils} over the application's DataSource (taskstore's Spring Boot starter wires
 * one). Given with {@link TaskStoreConfig.Builder#connectionSource(ConnectionSource)}.
 *
 * <p>When {@link #isTransactional(Connection)} says a connection belongs to the application's transaction,
 * taskstore neither commits nor rolls it back: a repository call runs in that transaction,
 * {@link Repositories#inTransaction(TransactionCallback) inTransaction} becomes a savepoint inside it (rolled
 * back to when the block throws; the application's transaction decides the rest), and retries, isolation and
 * read-only options are refused, since only the application's transaction could apply them. Otherwise a
 * connection is used as one from a DataSource: each call its own unit of work, and it must come in
 * auto-commit mode.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ConnectionSource {

  /**
   * A connection for one unit of work: the application's transaction's, when one is active on this thread.
   *
   * @return the connection
   * @throws SQLException when none can be had
   */
  Connection getConnection() throws SQLException;

  /**
   * Gives back a connection from {@link #getConnection()}: closes it, or leaves it to the application's
   * transaction.
   *
   * @param connection the connection
   * @throws SQLException when closing fails
   */
  void releaseConnection(Connection connection) throws SQLException;

  /**
   * Whether the connection belongs to a transaction the application runs.
   *
   * @param connection a connection from {@link #getConnection()}
   * @return true when taskstore must leave commit and rollback to the application
   */
  boolean isTransactional(Connection connection);

  /**
   * The plain DataSource behind this source, for {@link TaskStore#migrate()}: Flyway takes its own
   * connections, outside any transaction of the application's.
   *
   * @return the DataSource
   */
  DataSource dataSource();
}
