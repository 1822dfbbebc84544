package dev.taskstore.examples.spring;

import dev.taskstore.NotFoundException;
import dev.taskstore.TaskStore;
import dev.taskstore.TeamCreate;
import dev.taskstore.TeamRead;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.UserCreate;
import dev.taskstore.UserRead;
import dev.taskstore.examples.spring.Json.TeamJson;
import dev.taskstore.examples.spring.Json.TeamWithMembersJson;
import dev.taskstore.examples.spring.Json.UserJson;
import dev.taskstore.examples.spring.Json.UserWithTasksJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /users} (create, read with its tasks) and {@code /teams} (create, add a member). */
@RestController
class UserTeamController {

  /** {@code {"email": "ann@example.org"}}; taskstore checks the address's form. */
  record NewUser(@NotBlank @Size(max = UserCreate.MAX_EMAIL_LENGTH) String email) {}

  /** {@code {"name": "Platform"}} */
  record NewTeam(@NotBlank @Size(max = TeamCreate.MAX_NAME_LENGTH) String name) {}

  private final TaskStore store;

  UserTeamController(TaskStore store) {
    this.store = store;
  }

  /** 201 with the user; 409 when the email exists in any letter case (the starter's advice). */
  @PostMapping("/users")
  ResponseEntity<UserJson> createUser(@Valid @RequestBody NewUser body) {
    UserRead user = store.users().create(new UserCreate(body.email()));
    return ResponseEntity.created(URI.create("/users/" + user.id())).body(UserJson.of(user));
  }

  /** The user with its tasks, in one query. */
  @GetMapping("/users/{id:\\d+}")
  UserWithTasksJson user(@PathVariable long id) {
    return UserWithTasksJson.of(store.users().findWithTasks(id).orElseThrow(() -> new NotFoundException("user", id)));
  }

  /** 201 with the team. */
  @PostMapping("/teams")
  ResponseEntity<TeamJson> createTeam(@Valid @RequestBody NewTeam body) {
    TeamRead team = store.teams().create(new TeamCreate(body.name()));
    return ResponseEntity.created(URI.create("/teams/" + team.id())).body(TeamJson.of(team));
  }

  /**
   * 201 when the user became a member, 200 when it was one already (PUT is idempotent); either way the team with
   * all its members. 404 names the team or the user that does not exist.
   */
  @PutMapping("/teams/{id:\\d+}/members/{userId:\\d+}")
  ResponseEntity<TeamWithMembersJson> addMember(@PathVariable long id, @PathVariable long userId) {
    record Result(boolean added, TeamWithMembers team) {}
    // One transaction: the answer shows the membership this request made.
    Result result = store.inTransaction(tx -> {
      boolean added = tx.teams().addMember(id, userId);
      return new Result(added, tx.teams().findWithMembers(id).orElseThrow());
    });
    return ResponseEntity.status(result.added() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(TeamWithMembersJson.of(result.team()));
  }
}
