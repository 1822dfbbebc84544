package dev.taskstore;

/**
 * A create carried an idempotency key that an earlier create used with different content (any field of
 * {@link TaskBase} other than the key). Nothing was written. A retry of the same create with the same key is
 * not a conflict: it returns the task the first attempt stored. Names neither the key nor the other task (a key
 * is unique over all tasks, so either could belong to another user). Maps to HTTP 409.
 */
public final class IdempotencyConflictException extends ConflictException {

  private static final long serialVersionUID = 1L;

  /** The kind of row: task. */
  private final String entity;

  /**
   * Creates the exception.
   *
   * @param entity the entity's name, e.g. {@code "task"}
   */
  public IdempotencyConflictException(String entity) {
    super("the idempotency key of this " + entity + " was used before for different content");
    this.entity = entity;
  }

  /**
   * The kind of row the create was for.
   *
   * @return {@code "task"}
   */
  public String entity() {
    return entity;
  }
}
