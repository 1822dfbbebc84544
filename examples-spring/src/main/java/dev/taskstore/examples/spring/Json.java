package dev.taskstore.examples.spring;

import dev.taskstore.Page;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskWithUser;
import dev.taskstore.TeamRead;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.UserRead;
import dev.taskstore.UserWithTasks;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes the service answers with, the same as the JDK example's: field names are those of taskstore's
 * records (camelCase), instants ISO-8601 in UTC, a value a task does not have is {@code null}, priorities are
 * {@code "low"}, {@code "medium"}, {@code "high"}.
 */
final class Json {

  private Json() {}

  record TaskJson(long id, String title, String description, String priority, boolean completed,
      Instant dueDate, Instant createdAt, Long userId, Instant updatedAt, long version) {

    static TaskJson of(TaskRead t) {
      return new TaskJson(t.id(), t.title(), t.description().orElse(null), t.priority().dbValue(),
          t.completed(), t.dueDate().orElse(null), t.createdAt(), t.userId().orElse(null), t.updatedAt(),
          t.version());
    }

    static List<TaskJson> of(List<TaskRead> tasks) {
      return tasks.stream().map(TaskJson::of).toList();
    }
  }

  record UserJson(long id, String email, Instant createdAt) {

    static UserJson of(UserRead u) {
      return new UserJson(u.id(), u.email(), u.createdAt());
    }
  }

  record TeamJson(long id, String name, Instant createdAt) {

    static TeamJson of(TeamRead t) {
      return new TeamJson(t.id(), t.name(), t.createdAt());
    }
  }

  /** {@code GET /tasks/{id}}: the task and its user, {@code null} when it has none. */
  record TaskWithUserJson(TaskJson task, UserJson user) {

    static TaskWithUserJson of(TaskWithUser row) {
      return new TaskWithUserJson(TaskJson.of(row.task()), row.user().map(UserJson::of).orElse(null));
    }
  }

  /** {@code GET /users/{id}}: the user and its tasks in id order. */
  record UserWithTasksJson(UserJson user, List<TaskJson> tasks) {

    static UserWithTasksJson of(UserWithTasks row) {
      return new UserWithTasksJson(UserJson.of(row.user()), TaskJson.of(row.tasks()));
    }
  }

  /** {@code PUT /teams/{id}/members/{userId}}: the team and all its members. */
  record TeamWithMembersJson(TeamJson team, List<UserJson> members) {

    static TeamWithMembersJson of(TeamWithMembers row) {
      return new TeamWithMembersJson(TeamJson.of(row.team()), row.members().stream().map(UserJson::of).toList());
    }
  }

  /**
   * {@code GET /tasks}: a page, the cursor of the next one ({@code null} on the last page) and of the previous
   * one ({@code null} on the first page).
   */
  record PageJson(List<TaskJson> items, String nextCursor, String previousCursor) {

    static PageJson of(Page<TaskRead> page) {
      return new PageJson(TaskJson.of(page.items()), page.nextCursor().orElse(null),
          page.previousCursor().orElse(null));
    }
  }

  /** {@code GET /tasks/count}. */
  record CountJson(long count) {}
}
