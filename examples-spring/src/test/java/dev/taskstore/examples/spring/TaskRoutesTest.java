package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code /tasks}: create, read with its user, delete, count and filter; validation and constraint errors. */
class TaskRoutesTest extends ServiceTest {

  @Test
  void aTaskIsCreatedWithDefaultsAndReadWithItsUser() {
    long user = newUser();
    Answer created = post("/tasks", "{\"title\": \"Write the report\", \"description\": \"draft\", "
        + "\"priority\": \"HIGH\", \"dueDate\": \"2030-01-31T17:00:00Z\", \"userId\": " + user + "}").expect(201);
    long id = created.id();
    assertThat(created.raw().headers().firstValue("Location")).hasValue("/tasks/" + id);
    assertThat(created.str("priority")).isEqualTo("high");
    assertThat(created.str("dueDate")).isEqualTo("2030-01-31T17:00:00Z");
    assertThat(created.json().get("completed").asBoolean()).isFalse();

    Answer read = get("/tasks/" + id).expect(200);
    assertThat(read.json().get("task").get("title").asString()).isEqualTo("Write the report");
    assertThat(read.json().get("user").get("id").asLong()).isEqualTo(user);

    Answer plain = post("/tasks", "{\"title\": \"No user\"}").expect(201);
    assertThat(plain.str("priority")).isEqualTo("medium");
    assertThat(plain.json().get("description").isNull()).isTrue();
    assertThat(get("/tasks/" + plain.id()).expect(200).json().get("user").isNull()).isTrue();
  }

  @Test
  void deleteIs204ThenTheTaskIsGone() {
    long id = newTask("{\"title\": \"Short-lived\"}");
    assertThat(send("DELETE", "/tasks/" + id, null).expect(204).text()).isEmpty();
    assertThat(get("/tasks/" + id).problem(404).str("entity")).isEqualTo("task");
    assertThat(send("DELETE", "/tasks/" + id, null).problem(404).json().get("id").asLong()).isEqualTo(id);
  }

  @Test
  void aBlankTitleIsA400NamingTheField() {
    Answer blank = post("/tasks", "{\"title\": \"\"}").problem(400);
    assertThat(blank.str("field")).isEqualTo("title");
    Answer missing = post("/tasks", "{\"description\": \"no title\"}").problem(400);
    assertThat(missing.str("field")).isEqualTo("title");
    Answer tooLong = post("/tasks", "{\"title\": \"" + "x".repeat(501) + "\"}").problem(400);
    assertThat(tooLong.str("field")).isEqualTo("title");
    assertThat(tooLong.text()).doesNotContain("xxxxxxxxxx");
    assertThat(post("/tasks", "{\"title\": \"t\", \"priority\": \"urgent\"}").problem(400).str("field"))
        .isEqualTo("priority");
  }

  @Test
  void anUnknownUserIsA400NamingTheForeignKey() {
    Answer fk = post("/tasks", "{\"title\": \"Orphan\", \"userId\": 999999999}").problem(400);
    assertThat(fk.str("constraint")).isEqualTo("task_user_id_fkey");
    assertThat(fk.text()).doesNotContain("999999999");
  }

  @Test
  void countsAndFiltersSelectTheSameTasks() {
    long user = newUser();
    newTask("{\"title\": \"a\", \"userId\": " + user + ", \"completed\": true, \"priority\": \"low\"}");
    newTask("{\"title\": \"b\", \"userId\": " + user + ", \"completed\": true, \"priority\": \"high\"}");
    newTask("{\"title\": \"c\", \"userId\": " + user + "}");

    assertThat(get("/tasks/count?userId=" + user).expect(200).json().get("count").asLong()).isEqualTo(3);
    assertThat(get("/tasks/count?userId=" + user + "&completed=true").expect(200).json().get("count").asLong())
        .isEqualTo(2);
    assertThat(get("/tasks/count?userId=" + user + "&completed=true&priority=high").json().get("count").asLong())
        .isEqualTo(1);
    Answer page = get("/tasks?userId=" + user + "&completed=false").expect(200);
    assertThat(page.json().get("items")).hasSize(1);
    assertThat(page.json().get("items").get(0).get("title").asString()).isEqualTo("c");
    assertThat(page.json().get("nextCursor").isNull()).isTrue();
    assertThat(get("/tasks/count").expect(200).json().get("count").asLong()).isGreaterThanOrEqualTo(3);
  }
}
