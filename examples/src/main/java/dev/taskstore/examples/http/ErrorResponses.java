package dev.taskstore.examples.http;

import dev.taskstore.ConstraintViolationException;
import dev.taskstore.InvalidDataException;
import dev.taskstore.NotFoundException;
import dev.taskstore.TaskStoreException;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.ValidationException;
import dev.taskstore.examples.http.JsonBodies.ErrorJson;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error response, in one place. The status is taskstore's
 * {@link TaskStoreException#httpStatus()} (the guide's mapping: integrity and validation errors 400, missing
 * rows 404), with one documented exception: a unique violation, such as a second user with the same email,
 * is 409 Conflict. The body names the field, constraint or row at fault; server-side failures (500, 503,
 * 504) get a fixed message and are logged here, so SQL text and stack traces never reach a client.
 */
final class ErrorResponses {

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  /** The JSON field each named constraint of the schema guards, so that a client can point at its input. */
  private static final Map<String, String> CONSTRAINT_FIELDS = Map.of(
      "user_email_key", "email",
      "user_email_check", "email",
      "team_name_check", "name",
      "task_title_check", RequestBodies.TITLE,
      "task_description_check", RequestBodies.DESCRIPTION,
      "task_priority_check", RequestBodies.PRIORITY,
      "task_user_id_fkey", RequestBodies.USER_ID);

  private ErrorResponses() {}

  static Response of(Throwable failure, String method, String path) {
    if (failure instanceof ApiException e) {
      ErrorJson body = ErrorJson.field(e.error(), e.field(), e.getMessage());
      return new Response(e.status(), body, e.allow() == null ? Map.of() : Map.of("Allow", e.allow()));
    }
    if (failure instanceof TaskStoreException e) {
      return of(e, method, path);
    }
    log.error("{} {} failed", method, path, failure);
    return response(500, ErrorJson.of("internal", "internal error"));
  }

  private static Response of(TaskStoreException failure, String method, String path) {
    if (failure instanceof ValidationException e) {
      return response(e.httpStatus(), ErrorJson.field("validation", e.field(), e.getMessage()));
    }
    if (failure instanceof NotFoundException e) {
      return response(e.httpStatus(), new ErrorJson("not_found", null, null, null, null, e.entity(), e.id(),
          e.getMessage()));
    }
    if (failure instanceof UniqueViolationException e) {
      return response(409, constraint("conflict", e));
    }
    if (failure instanceof ConstraintViolationException e) {
      return response(e.httpStatus(), constraint("constraint", e));
    }
    if (failure instanceof InvalidDataException e) {
      return response(e.httpStatus(), ErrorJson.of("invalid_data", e.getMessage()));
    }
    // 503 (connection, retryable), 504 (timeout), 500: the client cannot fix these; the operator can.
    int status = failure.httpStatus();
    log.warn("{} {} failed with {}", method, path, status, failure);
    return switch (status) {
      case 503 -> response(status, ErrorJson.of("unavailable", "the database is unavailable, try again later"));
      case 504 -> response(status, ErrorJson.of("timeout", "the database did not answer in time"));
      default -> response(status, ErrorJson.of("internal", "internal error"));
    };
  }

  private static ErrorJson constraint(String error, ConstraintViolationException e) {
    String constraint = e.constraintName().orElse(null);
    String field = constraint == null ? null : CONSTRAINT_FIELDS.get(constraint);
    return new ErrorJson(error, field, constraint, e.tableName().orElse(null), e.columnName().orElse(null),
        null, null, e.getMessage());
  }

  private static Response response(int status, ErrorJson body) {
    return new Response(status, body, Map.of());
  }
}
