package dev.taskstore;

/**
 * A required column was given no value (SQLSTATE 23502); {@link #columnName()} names it.
 */
public final class NotNullViolationException extends ConstraintViolationException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception from what the server reported.
   *
   * @param constraintName the constraint's name, or null
   * @param tableName the table's name, or null
   * @param columnName the column's name, or null
   * @param cause the driver's exception
   */
  public NotNullViolationException(String constraintName, String tableName, String columnName, Throwable cause) {
    super("not-null violation", "23502", constraintName, tableName, columnName, cause);
  }
}
