package dev.taskstore;

/**
 * A reference points to a row that does not exist (SQLSTATE 23503), e.g. a task whose user id is unknown (constraint {@code task_user_id_fkey}).
 */
public final class ForeignKeyViolationException extends ConstraintViolationException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception from what the server reported.
   *
   * @param constraintName the constraint's name, or null
   * @param tableName the table's name, or null
   * @param columnName the column's name, or null
   * @param cause the driver's exception
   */
  public ForeignKeyViolationException(String constraintName, String tableName, String columnName, Throwable cause) {
    super("foreign-key violation", "23503", constraintName, tableName, columnName, cause);
  }
}
