package dev.taskstore;

/**
 * A write was refused because it conflicts with what the database holds now, although every value in it is
 * valid: the task changed since the caller read it ({@link StaleVersionException}), or an idempotency key was
 * used before for other content ({@link IdempotencyConflictException}). Raised by taskstore itself, never
 * retried by it: the caller decides (read again and merge, or pick another key). Maps to HTTP 409.
 */
public abstract sealed class ConflictException extends TaskStoreException
    permits StaleVersionException, IdempotencyConflictException {

  private static final long serialVersionUID = 1L;

  ConflictException(String message) {
    super(message, null, null);
  }

  @Override
  public int httpStatus() {
    return 409;
  }
}
