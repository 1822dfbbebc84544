package dev.taskstore;

/**
 * The transaction lost a race with another one and was rolled back: a serialization failure (SQLSTATE
 * 40001) or a deadlock (40P01); or a schema change made a statement prepared on the connection return
 * other columns ("cached plan must not change result type", 0A000), after which taskstore replaces the
 * pooled connections. Running the whole unit of work again usually succeeds;
 * {@link TransactionOptions#withRetries(int)} does that for you. Maps to HTTP 503.
 */
public final class RetryableException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param sqlState 40001, 40P01 or 0A000
   * @param cause the driver's exception
   */
  public RetryableException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  @Override
  public int httpStatus() {
    return 503;
  }
}
