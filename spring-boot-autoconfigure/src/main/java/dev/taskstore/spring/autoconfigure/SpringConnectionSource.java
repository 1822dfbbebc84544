package dev.taskstore.spring.autoconfigure;

import dev.taskstore.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * taskstore's connections from the application's DataSource through Spring's {@link DataSourceUtils}: inside
 * a Spring-managed transaction (a {@code DataSourceTransactionManager} or {@code JdbcTransactionManager} over
 * the same DataSource, {@code @Transactional}, {@code TransactionTemplate}) taskstore gets the transaction's
 * connection and leaves commit and rollback to Spring; outside one, each call takes a connection of its own
 * and closes it. Never opens a pool of its own.
 */
public final class SpringConnectionSource implements ConnectionSource {

  private final DataSource dataSource;

  /**
   * @param dataSource the application's DataSource, the one its transaction manager manages
   */
  public SpringConnectionSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return DataSourceUtils.getConnection(dataSource);
    } catch (CannotGetJdbcConnectionException e) {
      // taskstore translates SQLExceptions by their SQL state (e.g. connection refused fails fast); give it
      // the driver's exception rather than Spring's wrapper.
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException(e.getMessage(), "08001", e);
    }
  }

  @Override
  public void releaseConnection(Connection connection) {
    DataSourceUtils.releaseConnection(connection, dataSource);
  }

  /**
   * True for the connection of a Spring transaction on this DataSource. A connection Spring merely binds to the
   * thread for synchronization, without a transaction (e.g. {@code PROPAGATION_SUPPORTS} with no outer
   * transaction), is in auto-commit mode: false for it, so that taskstore runs its own units of work on it (a
   * savepoint there would fail, there being no transaction).
   */
  @Override
  public boolean isTransactional(Connection connection) {
    if (!DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
      return false;
    }
    try {
      return !connection.getAutoCommit();
    } catch (SQLException e) {
      return true; // a broken connection: leave it to the application's transaction, whose it is
    }
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public String toString() {
    return "SpringConnectionSource[" + dataSource + "]";
  }
}
