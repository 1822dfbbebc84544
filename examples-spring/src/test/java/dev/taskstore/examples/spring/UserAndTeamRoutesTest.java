package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code /users} and {@code /teams}: created, read, members added; a duplicate email 409, missing rows 404. */
class UserAndTeamRoutesTest extends ServiceTest {

  @Test
  void aUserIsCreatedAndReadWithItsTasks() {
    String email = uniqueEmail();
    Answer created = post("/users", "{\"email\": \"" + email + "\"}").expect(201);
    long id = created.id();
    assertThat(created.str("email")).isEqualTo(email);
    assertThat(created.str("createdAt")).endsWith("Z");
    assertThat(created.raw().headers().firstValue("Location")).hasValue("/users/" + id);
    newTask("{\"title\": \"one\", \"userId\": " + id + "}");
    newTask("{\"title\": \"two\", \"userId\": " + id + "}");

    Answer read = get("/users/" + id).expect(200);
    assertThat(read.json().get("user").get("email").asString()).isEqualTo(email);
    assertThat(read.json().get("tasks")).hasSize(2);
    assertThat(read.json().get("tasks").get(0).get("title").asString()).isEqualTo("one");
  }

  @Test
  void aDuplicateEmailInAnyCaseIsA409NamingTheConstraint() {
    String email = uniqueEmail();
    post("/users", "{\"email\": \"" + email + "\"}").expect(201);
    Answer dup = post("/users", "{\"email\": \"" + email.toUpperCase() + "\"}").problem(409);
    assertThat(dup.str("constraint")).isEqualTo("user_email_key");
    assertThat(dup.text()).doesNotContain(email, email.toUpperCase());
  }

  @Test
  void aBlankOrMalformedEmailIsA400NamingTheField() {
    Answer blank = post("/users", "{\"email\": \" \"}").problem(400); // Bean Validation
    assertThat(blank.str("field")).isEqualTo("email");
    assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
    Answer malformed = post("/users", "{\"email\": \"not-an-address\"}").problem(400); // taskstore's check
    assertThat(malformed.str("field")).isEqualTo("email");
    assertThat(malformed.text()).doesNotContain("not-an-address");
  }

  @Test
  void aMissingUserIsA404NamingIt() {
    Answer missing = get("/users/999999999").problem(404);
    assertThat(missing.str("entity")).isEqualTo("user");
    assertThat(missing.json().get("id").asLong()).isEqualTo(999999999L);
  }

  @Test
  void membersAreAdded201ThenAgain200() {
    Answer team = post("/teams", "{\"name\": \"Platform\"}").expect(201);
    long teamId = team.id();
    assertThat(team.str("name")).isEqualTo("Platform");
    long ann = newUser();
    long bob = newUser();

    Answer added = send("PUT", "/teams/" + teamId + "/members/" + ann, null).expect(201);
    assertThat(added.json().get("team").get("id").asLong()).isEqualTo(teamId);
    assertThat(added.json().get("members")).hasSize(1);
    send("PUT", "/teams/" + teamId + "/members/" + ann, null).expect(200);
    Answer both = send("PUT", "/teams/" + teamId + "/members/" + bob, null).expect(201);
    assertThat(both.json().get("members")).hasSize(2);

    assertThat(send("PUT", "/teams/999999999/members/" + ann, null).problem(404).str("entity")).isEqualTo("team");
    assertThat(send("PUT", "/teams/" + teamId + "/members/999999999", null).problem(404).str("entity"))
        .isEqualTo("user");
    assertThat(post("/teams", "{\"name\": \"\"}").problem(400).str("field")).isEqualTo("name");
  }
}
