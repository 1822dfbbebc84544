package dev.taskstore;

/**
 * A row with the same unique value exists already (SQLSTATE 23505), e.g. a second user with the same email in any letter case (constraint {@code user_email_key}).
 */
public final class UniqueViolationException extends ConstraintViolationException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception from what the server reported.
   *
   * @param constraintName the constraint's name, or null
   * @param tableName the table's name, or null
   * @param columnName the column's name, or null
   * @param cause the driver's exception
   */
  public UniqueViolationException(String constraintName, String tableName, String columnName, Throwable cause) {
    super("unique violation", "23505", constraintName, tableName, columnName, cause);
  }
}
