package dev.taskstore.examples.http;

import dev.taskstore.NotFoundException;
import dev.taskstore.TaskStore;
import dev.taskstore.UserRead;
import dev.taskstore.examples.http.JsonBodies.UserJson;
import dev.taskstore.examples.http.JsonBodies.UserWithTasksJson;

/** {@code /users}: create, and read with all the user's tasks. */
final class UserRoutes {

  private final TaskStore store;

  UserRoutes(TaskStore store) {
    this.store = store;
  }

  /** {@code POST /users}: 201 with the user; 409 when the email exists in any letter case. */
  Response create(Request request) {
    UserRead user = store.users().create(RequestBodies.user(request.json()));
    return Response.created("/users/" + user.id(), UserJson.of(user));
  }

  /** {@code GET /users/{id}}: the user with its tasks, in one query. */
  Response get(Request request) {
    long id = request.id("id");
    return Response.ok(UserWithTasksJson.of(store.users().findWithTasks(id)
        .orElseThrow(() -> new NotFoundException("user", id))));
  }
}
