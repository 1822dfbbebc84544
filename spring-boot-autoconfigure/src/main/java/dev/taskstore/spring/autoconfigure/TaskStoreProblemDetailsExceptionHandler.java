package dev.taskstore.spring.autoconfigure;

import dev.taskstore.CheckViolationException;
import dev.taskstore.ConnectionException;
import dev.taskstore.ConstraintViolationException;
import dev.taskstore.DatabaseException;
import dev.taskstore.DiskFullException;
import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.IdempotencyConflictException;
import dev.taskstore.InvalidDataException;
import dev.taskstore.NotFoundException;
import dev.taskstore.NotNullViolationException;
import dev.taskstore.QueryTimeoutException;
import dev.taskstore.RetryableException;
import dev.taskstore.StaleVersionException;
import dev.taskstore.TaskStoreException;
import dev.taskstore.TransactionMisuseException;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.ValidationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every {@link TaskStoreException} thrown by a controller into an RFC 9457 {@link ProblemDetail}
 * ({@code application/problem+json}):
 *
 * <table>
 *   <caption>Exception to Problem Details</caption>
 *   <tr><th>exception</th><th>status</th><th>title</th><th>extra properties</th></tr>
 *   <tr><td>{@link ValidationException}</td><td>400</td><td>Invalid request</td><td>{@code field}</td></tr>
 *   <tr><td>{@link ForeignKeyViolationException}, {@link NotNullViolationException},
 *       {@link CheckViolationException}</td><td>400</td><td>Constraint violated</td>
 *       <td>{@code constraint}, {@code column} (when the server named them)</td></tr>
 *   <tr><td>{@link UniqueViolationException}</td><td>409</td><td>Conflict</td>
 *       <td>{@code constraint}, {@code column}</td></tr>
 *   <tr><td>{@link StaleVersionException}</td><td>409</td><td>Version conflict</td>
 *       <td>{@code entity}, {@code id}, {@code expectedVersion}, {@code currentVersion}</td></tr>
 *   <tr><td>{@link IdempotencyConflictException}</td><td>409</td><td>Idempotency key reused</td>
 *       <td>{@code entity}</td></tr>
 *   <tr><td>{@link NotFoundException}</td><td>404</td><td>Not found</td><td>{@code entity}, {@code id}</td></tr>
 *   <tr><td>{@link InvalidDataException}</td><td>400</td><td>Invalid data</td><td></td></tr>
 *   <tr><td>{@link RetryableException}</td><td>503</td><td>Try again</td><td></td></tr>
 *   <tr><td>{@link ConnectionException}</td><td>503</td><td>Database unavailable</td><td></td></tr>
 *   <tr><td>{@link QueryTimeoutException}</td><td>504</td><td>Database timeout</td><td></td></tr>
 *   <tr><td>{@link DiskFullException}</td><td>507</td><td>Database disk full</td><td></td></tr>
 *   <tr><td>{@link TransactionMisuseException}</td><td>500</td><td>Internal error</td><td></td></tr>
 *   <tr><td>{@link DatabaseException}</td><td>500</td><td>Database error</td><td></td></tr>
 * </table>
 *
 * <p>{@code detail} is the exception's message, which names fields, constraints and entities but never carries
 * bound values; for a {@link DatabaseException} (which may describe anything) it is a fixed sentence. The body
 * never holds SQL text, values or stack traces; the server's log gets the 5xx failures by type, message and
 * SQLSTATE (never the driver's message, which may quote values).
 * {@code instance} is the request's path, as Spring MVC sets it.
 *
 * <p>A unique violation is 409 rather than taskstore's {@link TaskStoreException#httpStatus()} 400: the value
 * is valid, but a row that has it exists. Every other status is {@code httpStatus()}'s.
 *
 * <p>Ordered just ahead of the default ({@code LOWEST_PRECEDENCE - 100}), so that an application's catch-all
 * {@code @ExceptionHandler(Exception.class)} advice, which has the default order, does not hide it; an advice
 * of the application's with a higher precedence, or a handler inside a controller, still wins.
 */
@RestControllerAdvice
public class TaskStoreProblemDetailsExceptionHandler implements Ordered {

  /** The order of this advice among the application's. */
  public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

  private static final Log LOG = LogFactory.getLog(TaskStoreProblemDetailsExceptionHandler.class);

  /**
   * @param e the exception a controller threw
   * @return the Problem Details response
   */
  @ExceptionHandler(TaskStoreException.class)
  public ResponseEntity<ProblemDetail> handleTaskStoreException(TaskStoreException e) {
    ProblemDetail problem = toProblemDetail(e);
    if (problem.getStatus() >= 500) {
      // taskstore's own message and SQLSTATE only: the driver's exception below it may quote values (pgjdbc's
      // messages carry the server's DETAIL line), which a log must never hold.
      LOG.warn("taskstore failure answered " + problem.getStatus() + ": " + e.getClass().getSimpleName() + ": "
          + e.getMessage() + e.sqlState().map(state -> " (SQLSTATE " + state + ")").orElse(""));
    }
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /**
   * The Problem Details for an exception; a subclass may override it to adjust one mapping.
   *
   * @param e the exception
   * @return the problem, with status, title, detail and the properties of the class documentation's table
   */
  protected ProblemDetail toProblemDetail(TaskStoreException e) {
    // instanceof rather than a pattern switch: Java 17. UniqueViolationException before its supertype.
    if (e instanceof ValidationException v) {
      ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", v.getMessage());
      p.setProperty("field", v.field());
      return p;
    }
    if (e instanceof UniqueViolationException u) {
      return constraint(HttpStatus.CONFLICT, "Conflict", u);
    }
    if (e instanceof ConstraintViolationException c) {
      return constraint(HttpStatus.BAD_REQUEST, "Constraint violated", c);
    }
    if (e instanceof StaleVersionException s) {
      ProblemDetail p = problem(HttpStatus.CONFLICT, "Version conflict", s.getMessage());
      p.setProperty("entity", s.entity());
      p.setProperty("id", s.id());
      p.setProperty("expectedVersion", s.expectedVersion());
      p.setProperty("currentVersion", s.currentVersion());
      return p;
    }
    if (e instanceof IdempotencyConflictException i) {
      ProblemDetail p = problem(HttpStatus.CONFLICT, "Idempotency key reused", i.getMessage());
      p.setProperty("entity", i.entity());
      return p;
    }
    if (e instanceof NotFoundException n) {
      ProblemDetail p = problem(HttpStatus.NOT_FOUND, "Not found", n.getMessage());
      p.setProperty("entity", n.entity());
      p.setProperty("id", n.id());
      return p;
    }
    if (e instanceof InvalidDataException) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid data", e.getMessage());
    }
    if (e instanceof RetryableException) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again", e.getMessage());
    }
    if (e instanceof ConnectionException) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable", e.getMessage());
    }
    if (e instanceof QueryTimeoutException) {
      return problem(HttpStatus.GATEWAY_TIMEOUT, "Database timeout", e.getMessage());
    }
    if (e instanceof DiskFullException) {
      return problem(HttpStatus.INSUFFICIENT_STORAGE, "Database disk full", e.getMessage());
    }
    if (e instanceof TransactionMisuseException) {
      // A bug in the application: its details (thread names) are for the log, not the client.
      return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request failed");
    }
    // DatabaseException, and anything the sealed hierarchy gains later: a fixed sentence, never its message.
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Database error",
        "the database failed to complete the request");
  }

  private static ProblemDetail constraint(HttpStatus status, String title, ConstraintViolationException c) {
    ProblemDetail p = problem(status, title, c.getMessage());
    c.constraintName().ifPresent(name -> p.setProperty("constraint", name));
    c.columnName().ifPresent(name -> p.setProperty("column", name));
    return p;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
