package dev.taskstore.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.CheckViolationException;
import dev.taskstore.ConnectionException;
import dev.taskstore.DatabaseException;
import dev.taskstore.InvalidDataException;
import dev.taskstore.QueryTimeoutException;
import dev.taskstore.RetryableException;
import dev.taskstore.examples.http.JsonBodies.ErrorJson;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The failures the HTTP tests cannot provoke on a healthy database, mapped without their internals. */
class ErrorResponsesTest {

  private static final SQLException DRIVER_ERROR =
      new SQLException("ERROR: relation \"task\" does not exist at character 15: select * from task", "42P01");

  @Test
  void serverSideFailuresGetAFixedMessageAndTheirStatus() {
    assertBody(ErrorResponses.of(new DatabaseException("database error (SQLSTATE 42P01)", "42P01", DRIVER_ERROR),
        "GET", "/tasks/1"), 500, "internal", "internal error");
    assertBody(ErrorResponses.of(new QueryTimeoutException("statement cancelled", "57014", DRIVER_ERROR),
        "GET", "/tasks"), 504, "timeout", "the database did not answer in time");
    assertBody(ErrorResponses.of(new RetryableException("serialization failure", "40001", DRIVER_ERROR),
        "PATCH", "/tasks/1"), 503, "unavailable", "the database is unavailable, try again later");
    assertBody(ErrorResponses.of(new ConnectionException("pool exhausted", null, DRIVER_ERROR),
        "GET", "/tasks/1"), 503, "unavailable", "the database is unavailable, try again later");
    assertBody(ErrorResponses.of(new IllegalStateException("bug at select * from task"), "GET", "/tasks/1"),
        500, "internal", "internal error");
  }

  @Test
  void integrityAndDataErrorsAreBadRequestNamingTheConstraint() {
    Response check = ErrorResponses.of(
        new CheckViolationException("task_priority_check", "task", null, DRIVER_ERROR), "POST", "/tasks");
    ErrorJson body = (ErrorJson) check.body();

    assertThat(check.status()).isEqualTo(400);
    assertThat(body.error()).isEqualTo("constraint");
    assertThat(body.constraint()).isEqualTo("task_priority_check");
    assertThat(body.field()).isEqualTo("priority");
    assertThat(body.table()).isEqualTo("task");
    Response data = ErrorResponses.of(new InvalidDataException("the database rejected a value (SQLSTATE 22001)",
        "22001", DRIVER_ERROR), "POST", "/tasks");
    assertThat(data.status()).isEqualTo(400);
    assertThat(((ErrorJson) data.body()).error()).isEqualTo("invalid_data");
  }

  private static void assertBody(Response response, int status, String error, String message) {
    assertThat(response.status()).isEqualTo(status);
    ErrorJson body = (ErrorJson) response.body();
    assertThat(body.error()).isEqualTo(error);
    assertThat(body.message()).isEqualTo(message);
    assertThat(new String(Json.write(body), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("select").doesNotContain("42P01").doesNotContain("Exception");
  }
}
