package dev.taskstore;

/**
 * The database rejected a value as data (SQLSTATE class 22): a string too long for its type, a NUL byte,
 * a date out of range. Most such values are caught earlier as {@link ValidationException}; this covers what
 * only the server can judge. Maps to HTTP 400.
 */
public final class InvalidDataException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was rejected, without the value itself
   * @param sqlState the SQLSTATE (class 22)
   * @param cause the driver's exception
   */
  public InvalidDataException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}
