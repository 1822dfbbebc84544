package dev.taskstore;

/**
 * Any other database error: one that none of the more precise exceptions describe, such as a permission
 * error or a missing table (migrations not run). {@link #sqlState()} tells which. Maps to HTTP 500.
 */
public final class DatabaseException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE, or null when none was reported
   * @param cause the underlying exception
   */
  public DatabaseException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  @Override
  public int httpStatus() {
    return 500;
  }
}
