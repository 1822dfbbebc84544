package dev.taskstore;

/**
 * An update that named the version it expected found the task at another version: someone changed it since
 * the caller read it (optimistic locking, {@link TaskRepository#update(long, TaskUpdate, long)}). Nothing was
 * written. Carries the version the task has now, so that the caller can read it again, merge, and retry with
 * that version. Maps to HTTP 409.
 */
public final class StaleVersionException extends ConflictException {

  private static final long serialVersionUID = 1L;

  /** The kind of row: task. */
  private final String entity;
  /** The row's id. */
  private final long id;
  /** The version the caller expected. */
  private final long expectedVersion;
  /** The version the row has now. */
  private final long currentVersion;

  /**
   * Creates the exception.
   *
   * @param entity the entity's name, e.g. {@code "task"}
   * @param id the row's id
   * @param expectedVersion the version the caller expected
   * @param currentVersion the version the row has now
   */
  public StaleVersionException(String entity, long id, long expectedVersion, long currentVersion) {
    super(entity + " " + id + " is at version " + currentVersion + ", not the expected " + expectedVersion);
    this.entity = entity;
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }

  /**
   * The kind of row that was not written.
   *
   * @return {@code "task"}
   */
  public String entity() {
    return entity;
  }

  /**
   * The id of the row that was not written.
   *
   * @return the id
   */
  public long id() {
    return id;
  }

  /**
   * The version the caller said it had read.
   *
   * @return the expected version
   */
  public long expectedVersion() {
    return expectedVersion;
  }

  /**
   * The version the row had when the update was refused (it may have moved on since).
   *
   * @return the current version
   */
  public long currentVersion() {
    return currentVersion;
  }
}
