package dev.taskstore;

import dev.taskstore.spi.Checks;

/**
 * How a transaction runs: isolation level, read-only, and how many times to run the whole block again when
 * it fails with a {@link RetryableException} (serialization failure or deadlock).
 *
 * <pre>{@code
 * store.inTransaction(TransactionOptions.serializable().withRetries(3), tx -> ...);
 * }</pre>
 *
 * @param isolation the isolation level
 * @param readOnly true to open the transaction READ ONLY (writes then fail)
 * @param retries extra attempts after a retryable failure: 0 (the default) to {@value #MAX_RETRIES}
 */
public record TransactionOptions(IsolationLevel isolation, boolean readOnly, int retries) {

  /** The most retries accepted. */
  public static final int MAX_RETRIES = 10;

  private static final TransactionOptions DEFAULTS =
      new TransactionOptions(IsolationLevel.READ_COMMITTED, false, 0);

  /**
   * Validates the options.
   *
   * @param isolation the isolation level
   * @param readOnly true to open the transaction READ ONLY (writes then fail)
   * @param retries extra attempts after a retryable failure: 0 (the default) to {@value #MAX_RETRIES}
   * @throws ValidationException naming {@code isolation} when it is null, or {@code retries} when out of
   *     range
   */
  public TransactionOptions {
    Checks.required("isolation", isolation);
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new ValidationException("retries", "must be between 0 and " + MAX_RETRIES);
    }
  }

  /**
   * Read committed, read-write, no retry.
   *
   * @return the defaults
   */
  public static TransactionOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Serializable, read-write, no retry.
   *
   * @return the options
   */
  public static TransactionOptions serializable() {
    return new TransactionOptions(IsolationLevel.SERIALIZABLE, false, 0);
  }

  /**
   * Read committed, read-only.
   *
   * @return the options
   */
  public static TransactionOptions readOnlyTransaction() {
    return new TransactionOptions(IsolationLevel.READ_COMMITTED, true, 0);
  }

  /**
   * These options with another isolation level.
   *
   * @param level the level
   * @return new options
   */
  public TransactionOptions withIsolation(IsolationLevel level) {
    return new TransactionOptions(level, readOnly, retries);
  }

  /**
   * These options, read-only or not.
   *
   * @param readOnly true for READ ONLY
   * @return new options
   */
  public TransactionOptions withReadOnly(boolean readOnly) {
    return new TransactionOptions(isolation, readOnly, retries);
  }

  /**
   * These options with a number of retries.
   *
   * @param retries 0 to {@value #MAX_RETRIES}
   * @return new options
   */
  public TransactionOptions withRetries(int retries) {
    return new TransactionOptions(isolation, readOnly, retries);
  }
}
