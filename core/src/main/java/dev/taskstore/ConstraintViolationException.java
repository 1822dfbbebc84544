package dev.taskstore;

import java.util.Optional;

/**
 * The database rejected a write because it would break a constraint of the schema. Carries the names
 * PostgreSQL reported (constraint, table, column) so that callers can react precisely, e.g. to
 * {@code user_email_key}. Maps to HTTP 400, as the SQLModel guide does for integrity errors.
 */
public abstract sealed class ConstraintViolationException extends TaskStoreException
    permits UniqueViolationException, ForeignKeyViolationException, NotNullViolationException,
        CheckViolationException {

  private static final long serialVersionUID = 1L;

  /** The constraint's name as the server reported it, or null. */
  private final String constraintName;
  /** The table's name as the server reported it, or null. */
  private final String tableName;
  /** The column's name as the server reported it, or null. */
  private final String columnName;

  ConstraintViolationException(String kind, String sqlState, String constraintName, String tableName,
      String columnName, Throwable cause) {
    super(describe(kind, constraintName, tableName, columnName), sqlState, cause);
    this.constraintName = constraintName;
    this.tableName = tableName;
    this.columnName = columnName;
  }

  private static String describe(String kind, String constraint, String table, String column) {
    StringBuilder sb = new StringBuilder(kind);
    if (constraint != null) {
      sb.append(" of constraint ").append(constraint);
    }
    if (table != null) {
      sb.append(" on table ").append(table);
    }
    if (column != null) {
      sb.append(", column ").append(column);
    }
    return sb.toString();
  }

  /**
   * The constraint's name, e.g. {@code user_email_key} or {@code task_priority_check}.
   *
   * @return the name, when PostgreSQL reported one (it does for unique, foreign-key and check violations)
   */
  public Optional<String> constraintName() {
    return Optional.ofNullable(constraintName);
  }

  /**
   * The table the violation happened on.
   *
   * @return the table's name, when reported
   */
  public Optional<String> tableName() {
    return Optional.ofNullable(tableName);
  }

  /**
   * The column involved.
   *
   * @return the column's name, when reported (PostgreSQL reports it for not-null violations)
   */
  public Optional<String> columnName() {
    return Optional.ofNullable(columnName);
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}
