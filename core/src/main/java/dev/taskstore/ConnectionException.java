package dev.taskstore;

/**
 * No working connection to the database: the server is unreachable or shutting down (SQLSTATE class 08,
 * 57P01 to 57P03), a connection broke mid-call, or the pool had no free connection within the connection
 * timeout (the message then says the pool is exhausted and its size). The store recovers by itself once the
 * database is back; the failed call may be tried again. Maps to HTTP 503.
 */
public final class ConnectionException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, never with a password
   * @param sqlState the SQLSTATE, or null when the pool or the network reported the failure
   * @param cause the underlying exception, or null
   */
  public ConnectionException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  @Override
  public int httpStatus() {
    return 503;
  }
}
