package dev.taskstore.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstore.examples.http.ApiClient.Reply;
import org.junit.jupiter.api.Test;

class UserAndTeamRoutesTest extends RunningServiceTest {

  @Test
  void postUserCreatesIt() {
    Reply reply = api.post("/users", "{\"email\": \"ann@example.org\"}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().get("id").asLong()).isEqualTo(1);
    assertThat(reply.json().get("email").asText()).isEqualTo("ann@example.org");
    assertThat(reply.json().get("createdAt").asText()).endsWith("Z");
    assertThat(reply.header("Location")).isEqualTo("/users/1");
  }

  @Test
  void duplicateEmailInAnyLetterCaseIsConflictNamingTheConstraint() {
    api.post("/users", "{\"email\": \"ann@example.org\"}");

    Reply reply = api.post("/users", "{\"email\": \"ANN@Example.org\"}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().get("error").asText()).isEqualTo("conflict");
    assertThat(reply.json().get("constraint").asText()).isEqualTo("user_email_key");
    assertThat(reply.json().get("field").asText()).isEqualTo("email");
  }

  @Test
  void invalidEmailIsBadRequestNamingTheField() {
    Reply reply = api.post("/users", "{\"email\": \"not-an-address\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).isEqualTo("validation");
    assertThat(reply.json().get("field").asText()).isEqualTo("email");
    assertThat(reply.json().get("message").asText()).startsWith("email must");
  }

  @Test
  void missingOrMistypedEmailIsBadRequest() {
    assertThat(api.post("/users", "{}").json().get("field").asText()).isEqualTo("email");
    Reply wrongType = api.post("/users", "{\"email\": 42}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("message").asText()).isEqualTo("email must be a string, was a number");
    Reply unknown = api.post("/users", "{\"email\": \"a@b.c\", \"name\": \"Ann\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("field").asText()).isEqualTo("name");
  }

  @Test
  void getUserReturnsItWithItsTasks() {
    long ann = user("ann@example.org");
    api.post("/tasks", "{\"title\": \"first\", \"userId\": " + ann + "}");
    api.post("/tasks", "{\"title\": \"second\", \"userId\": " + ann + "}");
    api.post("/tasks", "{\"title\": \"someone else's\"}");

    Reply reply = api.get("/users/" + ann);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("user").get("email").asText()).isEqualTo("ann@example.org");
    assertThat(reply.json().get("tasks")).extracting(t -> t.get("title").asText())
        .containsExactly("first", "second");
  }

  @Test
  void getMissingUserIsNotFoundNamingIt() {
    Reply reply = api.get("/users/999");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("error").asText()).isEqualTo("not_found");
    assertThat(reply.json().get("entity").asText()).isEqualTo("user");
    assertThat(reply.json().get("id").asLong()).isEqualTo(999);
  }

  @Test
  void postTeamCreatesIt() {
    Reply reply = api.post("/teams", "{\"name\": \"Platform\"}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().get("name").asText()).isEqualTo("Platform");
    assertThat(reply.header("Location")).isEqualTo("/teams/" + reply.json().get("id").asLong());
  }

  @Test
  void blankTeamNameIsBadRequest() {
    Reply reply = api.post("/teams", "{\"name\": \"  \"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("field").asText()).isEqualTo("name");
  }

  @Test
  void putMemberAddsOnceAndIsIdempotent() {
    long team = api.post("/teams", "{\"name\": \"Platform\"}").json().get("id").asLong();
    long ann = user("ann@example.org");
    long bob = user("bob@example.org");

    Reply first = api.put("/teams/" + team + "/members/" + ann);
    Reply second = api.put("/teams/" + team + "/members/" + bob);
    Reply again = api.put("/teams/" + team + "/members/" + ann);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    JsonNode body = again.json();
    assertThat(body.get("team").get("name").asText()).isEqualTo("Platform");
    assertThat(body.get("members")).extracting(m -> m.get("email").asText())
        .containsExactly("ann@example.org", "bob@example.org");
  }

  @Test
  void putMemberOfMissingTeamOrUserIsNotFoundNamingWhich() {
    long team = api.post("/teams", "{\"name\": \"Platform\"}").json().get("id").asLong();
    long ann = user("ann@example.org");

    Reply noTeam = api.put("/teams/999/members/" + ann);
    Reply noUser = api.put("/teams/" + team + "/members/999");

    assertThat(noTeam.status()).isEqualTo(404);
    assertThat(noTeam.json().get("entity").asText()).isEqualTo("team");
    assertThat(noUser.status()).isEqualTo(404);
    assertThat(noUser.json().get("entity").asText()).isEqualTo("user");
  }
}
