package dev.taskstore.examples;

import dev.taskstore.ConstraintViolationException;
import dev.taskstore.NotFoundException;
import dev.taskstore.Priority;
import dev.taskstore.StaleVersionException;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStoreException;
import dev.taskstore.TaskWithUser;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.UserRead;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The examples' console output: section headings and one-line, human-readable forms of taskstore's records
 * and exceptions.
 */
final class Show {

  private Show() {}

  /** A blank line, then {@code == title}. */
  static void section(PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }

  /** {@code schema: up to date} or {@code schema: 1 migration(s) applied}, from what {@code migrate()} returned. */
  static String schema(int migrationsApplied) {
    return "schema: " + (migrationsApplied == 0 ? "up to date" : migrationsApplied + " migration(s) applied");
  }

  /** {@code user #1 ann@example.org} */
  static String user(UserRead user) {
    return "user #" + user.id() + " " + user.email();
  }

  /** {@code team #1 "Platform", members: ann@example.org, bob@example.org} */
  static String team(TeamWithMembers team) {
    String members = team.members().isEmpty() ? "none"
        : team.members().stream().map(UserRead::email).collect(Collectors.joining(", "));
    return "team #" + team.team().id() + " \"" + team.team().name() + "\", members: " + members;
  }

  /**
   * Every field but the creation time (which differs on every run):
   * {@code task #1 "Write the report" [high, open, due 2030-01-15T09:00:00Z, user #1, description "..."]}.
   */
  static String task(TaskRead task) {
    return "task #" + task.id() + " \"" + task.title() + "\" ["
        + task.priority().dbValue()
        + ", " + (task.completed() ? "done" : "open")
        + ", " + task.dueDate().map(d -> "due " + d).orElse("no due date")
        + ", " + task.userId().map(id -> "user #" + id).orElse("no user")
        + ", " + task.description().map(d -> "description \"" + d + "\"").orElse("no description")
        + "]";
  }

  /** {@code task #1 "Write the report" -> ann@example.org} (the join's two sides). */
  static String taskWithUser(TaskWithUser row) {
    return "task #" + row.task().id() + " \"" + row.task().title() + "\" -> "
        + row.user().map(UserRead::email).orElse("(no user)");
  }

  /** {@code low=1, medium=2, high=2} */
  static String counts(Map<Priority, Long> byPriority) {
    return byPriority.entrySet().stream()
        .map(e -> e.getKey().dbValue() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /**
   * The exception's type and what it names, as a caller would react to it:
   * {@code UniqueViolationException, constraint user_email_key, HTTP 400} or
   * {@code NotFoundException, task 3, HTTP 404}.
   */
  static String error(TaskStoreException e) {
    String names = "";
    if (e instanceof ConstraintViolationException violation) {
      names = ", constraint " + violation.constraintName().orElse("?");
    } else if (e instanceof NotFoundException missing) {
      names = ", " + missing.entity() + " " + missing.id();
    } else if (e instanceof StaleVersionException stale) {
      names = ", " + stale.entity() + " " + stale.id() + " is at version " + stale.currentVersion();
    }
    return e.getClass().getSimpleName() + names + ", HTTP " + e.httpStatus();
  }
}
