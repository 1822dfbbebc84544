package dev.taskstore;

/**
 * The requested row does not exist: a task, user or team with the given id. Maps to HTTP 404.
 */
public final class NotFoundException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /** The kind of row: task, user or team. */
  private final String entity;
  /** The id that was not found. */
  private final long id;

  /**
   * Creates the exception for a missing row.
   *
   * @param entity the entity's name, e.g. {@code "task"}
   * @param id the id that was not found
   */
  public NotFoundException(String entity, long id) {
    this(entity, id, null);
  }

  /**
   * Creates the exception for a row found missing through another failure, e.g. a foreign-key violation.
   *
   * @param entity the entity's name, e.g. {@code "team"}
   * @param id the id that was not found
   * @param cause the failure that revealed it, or null
   */
  public NotFoundException(String entity, long id, Throwable cause) {
    super(entity + " " + id + " not found", null, cause);
    this.entity = entity;
    this.id = id;
  }

  /**
   * The kind of row that was missing.
   *
   * @return {@code "task"}, {@code "user"} or {@code "team"}
   */
  public String entity() {
    return entity;
  }

  /**
   * The id that was looked up.
   *
   * @return the missing id
   */
  public long id() {
    return id;
  }

  @Override
  public int httpStatus() {
    return 404;
  }
}
