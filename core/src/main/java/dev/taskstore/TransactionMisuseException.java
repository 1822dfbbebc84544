package dev.taskstore;

/**
 * A {@link Transaction} was used against its contract: after its callback returned (it was kept in a field or
 * captured by a lambda that ran later), or on a thread other than the callback's (a connection cannot be shared
 * between threads). A bug in the calling code, never a database failure: nothing ran on the database, and the
 * transaction itself (if still open) is not affected. Maps to HTTP 500.
 */
public final class TransactionMisuseException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /** How the transaction was misused. */
  public enum Misuse {
    /** Used after its callback returned or threw: the transaction had ended. */
    AFTER_CALLBACK,
    /** Used on another thread than the one that runs its callback. */
    OTHER_THREAD
  }

  private final Misuse misuse;

  /**
   * Creates the exception.
   *
   * @param misuse how the transaction was misused
   * @param message what happened and what to do instead
   */
  public TransactionMisuseException(Misuse misuse, String message) {
    super(message, null, null);
    this.misuse = misuse;
  }

  /**
   * How the transaction was misused.
   *
   * @return {@link Misuse#AFTER_CALLBACK} or {@link Misuse#OTHER_THREAD}
   */
  public Misuse misuse() {
    return misuse;
  }

  @Override
  public int httpStatus() {
    return 500;
  }
}
