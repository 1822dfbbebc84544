package dev.taskstore;

/**
 * A statement ran past the statement timeout and the server cancelled it (SQLSTATE 57014). The connection
 * stays usable. Maps to HTTP 504.
 */
public final class QueryTimeoutException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what timed out
   * @param sqlState 57014
   * @param cause the driver's exception
   */
  public QueryTimeoutException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  @Override
  public int httpStatus() {
    return 504;
  }
}
