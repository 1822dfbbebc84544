package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;
import static dev.taskstore.internal.jooq.Tables.TEAM;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.Priority;
import dev.taskstore.TaskRead;
import dev.taskstore.TeamRead;
import dev.taskstore.UserRead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Maps between jOOQ rows (or JDBC rows) and taskstore's records. Not public API. */
final class Rows {

  /** The task columns, in the order {@link #task(ResultSet, int)} reads them. */
  static final List<Field<?>> TASK_COLUMNS = List.of(TASK.ID, TASK.TITLE, TASK.DESCRIPTION, TASK.PRIORITY,
      TASK.COMPLETED, TASK.DUE_DATE, TASK.CREATED_AT, TASK.USER_ID, TASK.UPDATED_AT, TASK.VERSION);
  /** The user columns, in the order {@link #optionalUser(ResultSet, int)} reads them. */
  static final List<Field<?>> USER_COLUMNS = List.of(USER.ID, USER.EMAIL, USER.CREATED_AT);
  /** The team columns, in the order {@link #team(ResultSet, int)} reads them. */
  static final List<Field<?>> TEAM_COLUMNS = List.of(TEAM.ID, TEAM.NAME, TEAM.CREATED_AT);

  private Rows() {}

  // Where each column sits in TASK_COLUMNS: reordering the list cannot make task() read the wrong column.
  private static final int ID = TASK_COLUMNS.indexOf(TASK.ID);
  private static final int TITLE = TASK_COLUMNS.indexOf(TASK.TITLE);
  private static final int DESCRIPTION = TASK_COLUMNS.indexOf(TASK.DESCRIPTION);
  private static final int PRIORITY = TASK_COLUMNS.indexOf(TASK.PRIORITY);
  private static final int COMPLETED = TASK_COLUMNS.indexOf(TASK.COMPLETED);
  private static final int DUE_DATE = TASK_COLUMNS.indexOf(TASK.DUE_DATE);
  private static final int CREATED_AT = TASK_COLUMNS.indexOf(TASK.CREATED_AT);
  private static final int USER_ID = TASK_COLUMNS.indexOf(TASK.USER_ID);
  private static final int UPDATED_AT = TASK_COLUMNS.indexOf(TASK.UPDATED_AT);
  private static final int VERSION = TASK_COLUMNS.indexOf(TASK.VERSION);

  /** A task from the {@link #TASK_COLUMNS} of a JDBC row, starting at column {@code first}. */
  static TaskRead task(ResultSet rs, int first) throws SQLException {
    long id = rs.getLong(first + ID);
    String title = rs.getString(first + TITLE);
    String description = rs.getString(first + DESCRIPTION);
    Priority priority = priority(rs.getString(first + PRIORITY));
    boolean completed = rs.getBoolean(first + COMPLETED);
    Instant dueDate = instant(rs.getObject(first + DUE_DATE, OffsetDateTime.class));
    Instant createdAt = instant(rs.getObject(first + CREATED_AT, OffsetDateTime.class));
    long userId = rs.getLong(first + USER_ID);
    Optional<Long> owner = rs.wasNull() ? Optional.empty() : Optional.of(userId);
    Instant updatedAt = instant(rs.getObject(first + UPDATED_AT, OffsetDateTime.class));
    long version = rs.getLong(first + VERSION);
    return new TaskRead(id, title, Optional.ofNullable(description), priority, completed,
        Optional.ofNullable(dueDate), createdAt, owner, updatedAt, version);
  }

  /** A user from the {@link #USER_COLUMNS} of a JDBC row, or empty when they are null (an outer join's miss). */
  static Optional<UserRead> optionalUser(ResultSet rs, int first) throws SQLException {
    rs.getLong(first);
    return rs.wasNull() ? Optional.empty() : Optional.of(user(rs, first));
  }

  /** A user from the {@link #USER_COLUMNS} of a JDBC row, starting at column {@code first}. */
  static UserRead user(ResultSet rs, int first) throws SQLException {
    return new UserRead(rs.getLong(first), rs.getString(first + 1),
        instant(rs.getObject(first + 2, OffsetDateTime.class)));
  }

  /** A team from the {@link #TEAM_COLUMNS} of a JDBC row, starting at column {@code first}. */
  static TeamRead team(ResultSet rs, int first) throws SQLException {
    return new TeamRead(rs.getLong(first), rs.getString(first + 1),
        instant(rs.getObject(first + 2, OffsetDateTime.class)));
  }

  /** A task from a row that holds the task table's columns. */
  public static TaskRead task(Record r) {
    return new TaskRead(
        r.get(TASK.ID),
        r.get(TASK.TITLE),
        Optional.ofNullable(r.get(TASK.DESCRIPTION)),
        priority(r.get(TASK.PRIORITY)),
        r.get(TASK.COMPLETED),
        Optional.ofNullable(instant(r.get(TASK.DUE_DATE))),
        instant(r.get(TASK.CREATED_AT)),
        Optional.ofNullable(r.get(TASK.USER_ID)),
        instant(r.get(TASK.UPDATED_AT)),
        r.get(TASK.VERSION));
  }

  /** The priority stored as lowercase text. */
  public static Priority priority(String dbValue) {
    switch (dbValue) {
      case "low":
        return Priority.LOW;
      case "medium":
        return Priority.MEDIUM;
      case "high":
        return Priority.HIGH;
      default:
        throw new IllegalStateException("unknown priority in the database: " + dbValue);
    }
  }

  /** An instant from a {@code timestamptz} value, or null. */
  public static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  /** A {@code timestamptz} value (in UTC) from an instant, or null. */
  public static OffsetDateTime timestamp(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }
}
