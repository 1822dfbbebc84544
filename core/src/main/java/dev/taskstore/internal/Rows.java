package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;
import static dev.taskstore.internal.jooq.Tables.TEAM;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.Priority;
import dev.taskstore.TaskRead;
import dev.taskstore.TeamRead;
import dev.taskstore.UserRead;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.Record;

/** Maps between jOOQ rows and taskstore's records. Not public API. */
public final class Rows {

  private Rows() {}

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
        Optional.ofNullable(r.get(TASK.USER_ID)));
  }

  /** A user from a row that holds the user table's columns. */
  public static UserRead user(Record r) {
    return new UserRead(r.get(USER.ID), r.get(USER.EMAIL), instant(r.get(USER.CREATED_AT)));
  }

  /** A team from a row that holds the team table's columns. */
  public static TeamRead team(Record r) {
    return new TeamRead(r.get(TEAM.ID), r.get(TEAM.NAME), instant(r.get(TEAM.CREATED_AT)));
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
