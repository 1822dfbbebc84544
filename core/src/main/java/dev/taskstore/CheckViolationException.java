package dev.taskstore;

/**
 * A value broke a CHECK constraint of the schema (SQLSTATE 23514), e.g. {@code task_priority_check} or {@code task_title_check}.
 */
public final class CheckViolationException extends ConstraintViolationException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception from what the server reported.
   *
   * @param constraintName the constraint's name, or null
   * @param tableName the table's name, or null
   * @param columnName the column's name, or null
   * @param cause the driver's exception
   */
  public CheckViolationException(String constraintName, String tableName, String columnName, Throwable cause) {
    super("check violation", "23514", constraintName, tableName, columnName, cause);
  }
}
