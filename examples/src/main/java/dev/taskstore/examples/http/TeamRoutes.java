package dev.taskstore.examples.http;

import dev.taskstore.TaskStore;
import dev.taskstore.TeamRead;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.examples.http.JsonBodies.TeamJson;
import dev.taskstore.examples.http.JsonBodies.TeamWithMembersJson;
import java.util.Map;

/** {@code /teams}: create, and add a member. */
final class TeamRoutes {

  private final TaskStore store;

  TeamRoutes(TaskStore store) {
    this.store = store;
  }

  /** {@code POST /teams}: 201 with the team. */
  Response create(Request request) {
    TeamRead team = store.teams().create(RequestBodies.team(request.json()));
    return Response.created("/teams/" + team.id(), TeamJson.of(team));
  }

  /**
   * {@code PUT /teams/{id}/members/{userId}}: 201 when the user became a member, 200 when it was one
   * already (PUT is idempotent); either way the body is the team with all its members. 404 names the team
   * or the user that does not exist.
   */
  Response addMember(Request request) {
    long teamId = request.id("id");
    long userId = request.id("userId");
    // One transaction: the answer shows the membership this request made, even if another request removes
    // it right after (it cannot before this commits).
    record Result(boolean added, TeamWithMembers team) {}
    Result result = store.inTransaction(tx -> {
      boolean added = tx.teams().addMember(teamId, userId);
      return new Result(added, tx.teams().findWithMembers(teamId).orElseThrow());
    });
    return new Response(result.added() ? 201 : 200, TeamWithMembersJson.of(result.team()), Map.of());
  }
}
