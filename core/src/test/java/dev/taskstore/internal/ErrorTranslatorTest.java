package dev.taskstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.CheckViolationException;
import dev.taskstore.ConnectionException;
import dev.taskstore.DatabaseException;
import dev.taskstore.DiskFullException;
import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.InvalidDataException;
import dev.taskstore.NotFoundException;
import dev.taskstore.NotNullViolationException;
import dev.taskstore.QueryTimeoutException;
import dev.taskstore.TaskStoreException;
import dev.taskstore.TestDatabase;
import dev.taskstore.TestSql;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.ValidationException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * The translator against real server errors: each statement below fails on the embedded PostgreSQL, and
 * the driver's exception is translated. Errors the API cannot provoke (its validation stops them first) are
 * covered here; the rest are also provoked through the API in their own tests.
 */
class ErrorTranslatorTest {

  private static final String SECRET = "s3cret-value-42";

  private final ErrorTranslator translator = new ErrorTranslator(() -> "test pool, maximumPoolSize=3");

  @BeforeEach
  void emptyTables() {
    TestDatabase.truncate();
  }

  /** Runs SQL with {@link #SECRET} bound to every parameter and returns the driver's exception. */
  private static SQLException failure(String sql) {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 1; i <= s.getParameterMetaData().getParameterCount(); i++) {
        s.setString(i, SECRET);
      }
      s.execute();
    } catch (SQLException e) {
      assertThat((Throwable) e).isInstanceOf(PSQLException.class);
      return e;
    }
    throw new AssertionError("expected " + sql + " to fail");
  }

  /** Runs SQL on a statement of a connection the test prepared; returns the driver's exception. */
  private static SQLException failure(Statement s, String sql) {
    try {
      s.execute(sql);
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("expected " + sql + " to fail");
  }

  private <T extends TaskStoreException> T translated(SQLException e, Class<T> type) {
    RuntimeException t = translator.translate(e);
    assertThat(t).isInstanceOf(type);
    assertThat(t.getCause()).isSameAs(e);
    assertThat(t.getMessage()).doesNotContain(SECRET);
    T result = type.cast(t);
    assertThat(result.sqlState()).contains(e.getSQLState());
    return result;
  }

  @Test
  void notNullViolationNamesTableAndColumn() {
    NotNullViolationException e = translated(failure("INSERT INTO task (title) VALUES (NULL)"),
        NotNullViolationException.class);
    assertThat(e.sqlState()).contains("23502");
    assertThat(e.tableName()).contains("task");
    assertThat(e.columnName()).contains("title");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).contains("not-null", "task", "title");
  }

  @Test
  void checkViolationNamesTheConstraintButNotTheValue() {
    CheckViolationException e = translated(failure("INSERT INTO task (title, priority) VALUES ('t', ?)"),
        CheckViolationException.class);
    assertThat(e.sqlState()).contains("23514");
    assertThat(e.constraintName()).contains("task_priority_check");
    assertThat(e.tableName()).contains("task");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("check violation of constraint task_priority_check on table task");

    CheckViolationException blank = translated(failure("INSERT INTO task (title) VALUES ('   ')"),
        CheckViolationException.class);
    assertThat(blank.constraintName()).contains("task_title_check");
    CheckViolationException email = translated(failure("INSERT INTO \"user\" (email) VALUES ('@x')"),
        CheckViolationException.class);
    assertThat(email.constraintName()).contains("user_email_check");
  }

  @Test
  void uniqueViolationNamesTheIndexButNotTheValue() {
    TestDatabase.execute("INSERT INTO \"user\" (email) VALUES ('" + SECRET + "@example.org')");
    UniqueViolationException e = translated(
        failure("INSERT INTO \"user\" (email) VALUES (upper(?) || '@EXAMPLE.ORG')"), UniqueViolationException.class);
    assertThat(e.sqlState()).contains("23505");
    assertThat(e.constraintName()).contains("user_email_key");
    assertThat(e.tableName()).contains("user");
    assertThat(e.getCause().getMessage()).containsIgnoringCase(SECRET); // the driver's message has it; ours not
  }

  @Test
  void foreignKeyViolationNamesTheConstraint() {
    ForeignKeyViolationException e = translated(failure("INSERT INTO task (title, user_id) VALUES ('t', 424242)"),
        ForeignKeyViolationException.class);
    assertThat(e.sqlState()).contains("23503");
    assertThat(e.constraintName()).contains("task_user_id_fkey");
    assertThat(e.tableName()).contains("task");
    assertThat(e.getMessage()).doesNotContain("424242");
  }

  @Test
  void dataErrorsAreInvalidDataWithoutTheValue() {
    InvalidDataException syntax = translated(failure("SELECT CAST(? AS integer)"), InvalidDataException.class);
    assertThat(syntax.sqlState()).contains("22P02");
    assertThat(syntax.httpStatus()).isEqualTo(400);
    assertThat(translated(failure("SELECT 1 / 0"), InvalidDataException.class).sqlState()).contains("22012");
    assertThat(translated(failure("SELECT timestamptz '294277-01-01 00:00:00+00'"), InvalidDataException.class)
        .sqlState()).contains("22008");
    InvalidDataException encoding = translated(failure("SELECT convert_from('\\xff'::bytea, 'UTF8')"),
        InvalidDataException.class);
    assertThat(encoding.sqlState()).contains("22021");
    assertThat(encoding.getMessage()).isEqualTo("the database rejected a value (SQLSTATE 22021)");
  }

  @Test
  void statementTimeoutIsAQueryTimeout() throws SQLException {
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = 50");
      SQLException e = failure(s, "SELECT pg_sleep(10)");
      QueryTimeoutException t = translated(e, QueryTimeoutException.class);
      assertThat(t.sqlState()).contains("57014");
      assertThat(t.httpStatus()).isEqualTo(504);
      s.execute("SELECT 1"); // the connection stays usable
    }
  }

  /** The real thing, a full tablespace, is in {@code DiskFullTest}; here the server raises the SQLSTATE. */
  @Test
  void aFullDiskIsADiskFullException() {
    DiskFullException full = translated(failure("DO $$ BEGIN RAISE EXCEPTION 'could not extend file' "
        + "USING ERRCODE = 'disk_full'; END $$"), DiskFullException.class);
    assertThat(full.sqlState()).contains("53100");
    assertThat(full.httpStatus()).isEqualTo(507);
  }

  @Test
  void aWriteInAReadOnlyTransactionIsADatabaseErrorThatSaysSo() throws SQLException {
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
      s.execute("BEGIN READ ONLY");
      SQLException e = failure(s, "INSERT INTO task (title) VALUES ('t')");
      DatabaseException t = translated(e, DatabaseException.class);
      assertThat(t.sqlState()).contains("25006");
      assertThat(t.getMessage()).contains("read-only");
      assertThat(t.httpStatus()).isEqualTo(500);
    }
  }

  @Test
  void otherServerErrorsAreDatabaseErrorsWithTheirSqlState() {
    DatabaseException e = translated(failure("SELECT * FROM no_such_table"), DatabaseException.class);
    assertThat(e.sqlState()).contains("42P01");
    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.getMessage()).isEqualTo("database error (SQLSTATE 42P01)");
  }

  @Test
  void aRefusedConnectionIsAConnectionError() {
    int port = TestSql.freePort();
    SQLException refused = null;
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2",
        "postgres", SECRET)) {
      throw new AssertionError("connected to a closed port");
    } catch (SQLException e) {
      refused = e;
    }
    ConnectionException t = translated(refused, ConnectionException.class);
    assertThat(t.sqlState()).contains("08001");
    assertThat(t.httpStatus()).isEqualTo(503);
  }

  @Test
  void aTerminatedSessionIsAConnectionError() throws SQLException {
    try (Connection victim = TestDatabase.connect(); Statement s = victim.createStatement()) {
      var rs = s.executeQuery("SELECT pg_backend_pid()");
      rs.next();
      int pid = rs.getInt(1);
      TestDatabase.execute("SELECT pg_terminate_backend(" + pid + ")");
      SQLException e = failure(s, "SELECT 1");
      RuntimeException t = translator.translate(e);
      assertThat(t).isInstanceOf(ConnectionException.class);
      assertThat(t.getCause()).isSameAs(e);
      assertThat(((ConnectionException) t).httpStatus()).isEqualTo(503);
    }
  }

  @Test
  void anExhaustedPoolSaysSoAndDescribesThePool() {
    RuntimeException t = translator.translate(
        new SQLTransientConnectionException("taskstore - Connection is not available, request timed out after 250ms"));
    assertThat(t).isInstanceOf(ConnectionException.class)
        .hasMessageContaining("pool exhausted").hasMessageContaining("maximumPoolSize=3");
    assertThat(((ConnectionException) t).sqlState()).isEmpty();
  }

  @Test
  void aWrappedDriverExceptionIsFoundInTheCauseChain() {
    SQLException e = failure("INSERT INTO task (title, user_id) VALUES ('t', 424242)");
    RuntimeException wrapper = new RuntimeException("jOOQ or pool wrapper", new SQLException("no state", e));
    RuntimeException t = translator.translate(wrapper);
    assertThat(t).isInstanceOf(ForeignKeyViolationException.class);
    assertThat(t.getCause()).isSameAs(wrapper);
  }

  @Test
  void taskstoreExceptionsAndOtherRuntimeExceptionsPassThroughUnchanged() {
    NotFoundException notFound = new NotFoundException("task", 1);
    ValidationException invalid = new ValidationException("limit", "must be between 1 and 1000");
    IllegalStateException state = new IllegalStateException("the transaction has ended");
    assertThat(translator.translate(notFound)).isSameAs(notFound);
    assertThat(translator.translate(invalid)).isSameAs(invalid);
    assertThat(translator.translate(state)).isSameAs(state);
  }

  @Test
  void aCheckedFailureWithoutSqlExceptionIsADatabaseError() {
    IOException io = new IOException("socket closed");
    RuntimeException t = translator.translate(io);
    assertThat(t).isInstanceOf(DatabaseException.class).hasCause(io);
    assertThat(((DatabaseException) t).sqlState()).isEmpty();
  }
}
