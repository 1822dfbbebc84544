package dev.taskstore;

import java.util.Optional;

/**
 * The root of every exception taskstore throws. Unchecked; the hierarchy is closed, so a {@code switch}
 * over it can be exhaustive.
 *
 * <p>Database errors are translated in one place, from PostgreSQL's SQLSTATE and the server's error fields
 * (constraint, table, column), never from message text. The driver's original exception stays attached as
 * the {@linkplain #getCause() cause}. Messages name the entity, field or constraint; they never contain
 * passwords or bound parameter values.
 *
 * <p>Suggested HTTP mapping, following the SQLModel guide (integrity errors are 400, missing rows 404), also
 * available as {@link #httpStatus()}:
 * <table>
 *   <caption>Exception to HTTP status</caption>
 *   <tr><th>exception</th><th>status</th></tr>
 *   <tr><td>{@link NotFoundException}</td><td>404</td></tr>
 *   <tr><td>{@link ValidationException}, {@link InvalidDataException}</td><td>400</td></tr>
 *   <tr><td>{@link ConstraintViolationException} (all kinds)</td><td>400</td></tr>
 *   <tr><td>{@link ConflictException} ({@link StaleVersionException},
 *       {@link IdempotencyConflictException})</td><td>409</td></tr>
 *   <tr><td>{@link RetryableException}, {@link ConnectionException}</td><td>503</td></tr>
 *   <tr><td>{@link QueryTimeoutException}</td><td>504</td></tr>
 *   <tr><td>{@link DiskFullException}</td><td>507</td></tr>
 *   <tr><td>{@link DatabaseException}</td><td>500</td></tr>
 *   <tr><td>{@link TransactionMisuseException}</td><td>500</td></tr>
 * </table>
 */
public abstract sealed class TaskStoreException extends RuntimeException
    permits NotFoundException, ValidationException, ConstraintViolationException, ConflictException,
        InvalidDataException, RetryableException, QueryTimeoutException, ConnectionException, DatabaseException,
        TransactionMisuseException, DiskFullException {

  private static final long serialVersionUID = 1L;

  /** PostgreSQL's SQLSTATE, or null for errors raised by taskstore itself. */
  private final String sqlState;

  TaskStoreException(String message, String sqlState, Throwable cause) {
    super(message);
    this.sqlState = sqlState;
    // Without a cause, leave it unset rather than null, so that code translating a lower-level failure into
    // this exception can still attach that failure with initCause.
    if (cause != null) {
      initCause(cause);
    }
  }

  /**
   * The five-character SQLSTATE PostgreSQL reported, when the error came from the database.
   *
   * @return the SQLSTATE, or empty for errors raised by taskstore itself (validation, not found, pool)
   */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  /**
   * The HTTP status a web application would usually answer with for this error (see the class
   * documentation for the table), so that a handler can map every taskstore error in one line.
   *
   * @return an HTTP status code
   */
  public abstract int httpStatus();
}
