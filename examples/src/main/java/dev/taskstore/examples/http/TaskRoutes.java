package dev.taskstore.examples.http;

import dev.taskstore.NotFoundException;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.examples.http.JsonBodies.CountJson;
import dev.taskstore.examples.http.JsonBodies.PageJson;
import dev.taskstore.examples.http.JsonBodies.TaskJson;
import dev.taskstore.examples.http.JsonBodies.TaskWithUserJson;
import java.util.List;

/** {@code /tasks}: create, read with its user, partial update, delete, list a page, count. */
final class TaskRoutes {

  private static final String COMPLETED = "completed";
  private static final String PRIORITY = "priority";
  private static final String USER_ID = "userId";
  private static final String LIMIT = "limit";
  private static final String CURSOR = "cursor";

  private final TaskStore store;

  TaskRoutes(TaskStore store) {
    this.store = store;
  }

  /** {@code POST /tasks}: 201 with the stored task. */
  Response create(Request request) {
    TaskRead task = store.tasks().create(RequestBodies.newTask(request.json()));
    return Response.created("/tasks/" + task.id(), TaskJson.of(task));
  }

  /** {@code GET /tasks/{id}}: the task and its user, in one join. */
  Response get(Request request) {
    long id = request.id("id");
    return Response.ok(TaskWithUserJson.of(store.tasks().findWithUser(id)
        .orElseThrow(() -> new NotFoundException("task", id))));
  }

  /** {@code PATCH /tasks/{id}}: absent fields stay, null fields are cleared; 200 with the task as it now is. */
  Response update(Request request) {
    long id = request.id("id");
    return Response.ok(TaskJson.of(store.tasks().update(id, RequestBodies.taskUpdate(request.json()))));
  }

  /** {@code DELETE /tasks/{id}}: 204, or 404 when there was no such task. */
  Response delete(Request request) {
    long id = request.id("id");
    if (!store.tasks().delete(id)) {
      throw new NotFoundException("task", id);
    }
    return Response.noContent();
  }

  /**
   * {@code GET /tasks?completed=&priority=&userId=&limit=&cursor=}: one page in id order; pass the answer's
   * {@code nextCursor} as {@code cursor} with the same filter for the next page.
   */
  Response list(Request request) {
    QueryParams params = request.query().allowOnly(List.of(COMPLETED, PRIORITY, USER_ID, LIMIT, CURSOR));
    Integer limit = params.integer(LIMIT);
    TaskQuery query = TaskQuery.builder()
        .filter(filter(params))
        .limit(limit == null ? TaskQuery.DEFAULT_LIMIT : limit)
        .after(params.text(CURSOR))
        .build();
    return Response.ok(PageJson.of(store.tasks().list(query)));
  }

  /** {@code GET /tasks/count?completed=&priority=&userId=}: {@code {"count": n}}. */
  Response count(Request request) {
    QueryParams params = request.query().allowOnly(List.of(COMPLETED, PRIORITY, USER_ID));
    return Response.ok(new CountJson(store.tasks().count(filter(params))));
  }

  private static TaskFilter filter(QueryParams params) {
    return TaskFilter.builder()
        .completed(params.bool(COMPLETED))
        .priority(params.priority(PRIORITY))
        .userId(params.id(USER_ID))
        .build();
  }
}
