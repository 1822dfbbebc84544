package dev.taskstore.examples.http;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * The JSON shapes the service answers with. Field names are those of taskstore's records (camelCase), so a
 * {@link dev.taskstore.ValidationException}'s field names a JSON field as sent. Instants are ISO-8601 strings
 * in UTC; a value a task does not have is {@code null}; priorities are {@code "low"}, {@code "medium"},
 * {@code "high"}.
 */
final class JsonBodies {

  private JsonBodies() {}

  record TaskJson(long id, String title, String description, String priority, boolean completed,
      Instant dueDate, Instant createdAt, Long userId) {

    static TaskJson of(TaskRead t) {
      return new TaskJson(t.id(), t.title(), t.description().orElse(null), t.priority().dbValue(),
          t.completed(), t.dueDate().orElse(null), t.createdAt(), t.userId().orElse(null));
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

  /** {@code GET /tasks}: a page, and the cursor of the next one ({@code null} on the last page). */
  record PageJson(List<TaskJson> items, String nextCursor) {

    static PageJson of(Page<TaskRead> page) {
      return new PageJson(TaskJson.of(page.items()), page.nextCursor().orElse(null));
    }
  }

  /** {@code GET /tasks/count}. */
  record CountJson(long count) {}

  /**
   * Every error: a short code, a message for people, and whatever names the cause (a field, a constraint, the
   * missing row). Never SQL text, bound values or stack traces. Fields without a value are left out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErrorJson(String error, String field, String constraint, String table, String column, String entity,
      Long id, String message) {

    static ErrorJson of(String error, String message) {
      return new ErrorJson(error, null, null, null, null, null, null, message);
    }

    static ErrorJson field(String error, String field, String message) {
      return new ErrorJson(error, field, null, null, null, null, null, message);
    }
  }
}
