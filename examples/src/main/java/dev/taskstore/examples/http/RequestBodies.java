package dev.taskstore.examples.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TeamCreate;
import dev.taskstore.UserCreate;
import dev.taskstore.ValidationException;
import java.util.List;

/**
 * Request bodies to taskstore's input types. The JSON checks (known fields, JSON types) happen here; the
 * rules of the values (blank title, too long, bad email) are taskstore's, raised as its
 * {@link dev.taskstore.ValidationException} by the records' constructors and builders.
 */
final class RequestBodies {

  static final String TITLE = "title";
  static final String DESCRIPTION = "description";
  static final String PRIORITY = "priority";
  static final String COMPLETED = "completed";
  static final String DUE_DATE = "dueDate";
  static final String USER_ID = "userId";
  private static final List<String> TASK_FIELDS =
      List.of(TITLE, DESCRIPTION, PRIORITY, COMPLETED, DUE_DATE, USER_ID);

  private RequestBodies() {}

  /** {@code {"email": "ann@example.org"}} */
  static UserCreate user(ObjectNode body) {
    JsonFields json = new JsonFields(body).allowOnly(List.of("email"));
    return new UserCreate(json.text("email"));
  }

  /** {@code {"name": "Platform"}} */
  static TeamCreate team(ObjectNode body) {
    JsonFields json = new JsonFields(body).allowOnly(List.of("name"));
    return new TeamCreate(json.text("name"));
  }

  /**
   * A new task: {@code title} is required; an absent field takes the guide's default (medium priority, not
   * completed, no description, due date or user). Null is accepted where a task may have no value
   * (description, dueDate, userId) and refused for title, priority and completed.
   */
  static TaskBase newTask(ObjectNode body) {
    JsonFields json = new JsonFields(body).allowOnly(TASK_FIELDS);
    TaskBase.Builder task = TaskBase.builder(json.text(TITLE))
        .description(json.text(DESCRIPTION))
        .dueDate(json.instant(DUE_DATE))
        .userId(json.id(USER_ID));
    if (json.has(PRIORITY)) {
      task.priority(json.priority(PRIORITY)); // null here is refused by build()
    }
    if (json.has(COMPLETED)) {
      Boolean completed = json.bool(COMPLETED);
      if (completed == null) {
        throw new ValidationException(COMPLETED, "must not be null");
      }
      task.completed(completed);
    }
    return task.build();
  }

  /**
   * A partial update, with the guide's {@code exclude_unset} semantics end to end: a field that is absent
   * from the JSON is not touched; a field sent as {@code null} is cleared (only description, dueDate and
   * userId can be; null for title, priority or completed is taskstore's 400).
   */
  static TaskUpdate taskUpdate(ObjectNode body) {
    JsonFields json = new JsonFields(body).allowOnly(TASK_FIELDS);
    TaskUpdate.Builder update = TaskUpdate.builder();
    if (json.has(TITLE)) {
      update.title(json.text(TITLE));
    }
    if (json.has(DESCRIPTION)) {
      update.description(json.text(DESCRIPTION));
    }
    if (json.has(PRIORITY)) {
      update.priority(json.priority(PRIORITY));
    }
    if (json.has(COMPLETED)) {
      update.completed(json.bool(COMPLETED));
    }
    if (json.has(DUE_DATE)) {
      update.dueDate(json.instant(DUE_DATE));
    }
    if (json.has(USER_ID)) {
      update.userId(json.id(USER_ID));
    }
    return update.build();
  }
}
