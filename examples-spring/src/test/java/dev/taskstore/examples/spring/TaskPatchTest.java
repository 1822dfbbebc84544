package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code PATCH /tasks/{id}}: an absent field stays, a field sent as null is cleared, the JSON types are checked. */
class TaskPatchTest extends ServiceTest {

  private long fullTask() {
    long user = newUser();
    return newTask("{\"title\": \"Report\", \"description\": \"draft\", \"priority\": \"high\", "
        + "\"dueDate\": \"2030-01-31T17:00:00Z\", \"userId\": " + user + "}");
  }

  @Test
  void absentFieldsStayAndNullFieldsAreCleared() {
    long id = fullTask();
    Answer changed = patch("/tasks/" + id, "{\"title\": \"Q4 report\", \"description\": null}").expect(200);
    assertThat(changed.str("title")).isEqualTo("Q4 report");
    assertThat(changed.json().get("description").isNull()).isTrue();
    assertThat(changed.str("priority")).isEqualTo("high");
    assertThat(changed.str("dueDate")).isEqualTo("2030-01-31T17:00:00Z");
    assertThat(changed.json().get("userId").isNull()).isFalse();

    Answer cleared = patch("/tasks/" + id, "{\"dueDate\": null, \"userId\": null, \"completed\": true}").expect(200);
    assertThat(cleared.json().get("dueDate").isNull()).isTrue();
    assertThat(cleared.json().get("userId").isNull()).isTrue();
    assertThat(cleared.json().get("completed").asBoolean()).isTrue();
    assertThat(cleared.str("title")).isEqualTo("Q4 report");

    Answer unchanged = patch("/tasks/" + id, "{}").expect(200);
    assertThat(unchanged.json()).isEqualTo(cleared.json());
    assertThat(get("/tasks/" + id).json().get("task")).isEqualTo(cleared.json());
  }

  @Test
  void nullForARequiredFieldAndWrongTypesAre400NamingTheField() {
    long id = fullTask();
    assertThat(patch("/tasks/" + id, "{\"title\": null}").problem(400).str("field")).isEqualTo("title");
    assertThat(patch("/tasks/" + id, "{\"priority\": null}").problem(400).str("field")).isEqualTo("priority");
    assertThat(patch("/tasks/" + id, "{\"completed\": \"yes\"}").problem(400).str("field")).isEqualTo("completed");
    assertThat(patch("/tasks/" + id, "{\"userId\": \"7\"}").problem(400).str("field")).isEqualTo("userId");
    assertThat(patch("/tasks/" + id, "{\"dueDate\": \"tomorrow\"}").problem(400).str("field")).isEqualTo("dueDate");
    assertThat(patch("/tasks/" + id, "{\"colour\": \"red\"}").problem(400).str("field")).isEqualTo("colour");
    assertThat(patch("/tasks/" + id, "[1, 2]").problem(400).str("field")).isEqualTo("body");
    assertThat(patch("/tasks/" + id, "{\"userId\": 999999999}").problem(400).str("constraint"))
        .isEqualTo("task_user_id_fkey");
    // Nothing of it was applied.
    assertThat(get("/tasks/" + id).json().get("task").get("title").asString()).isEqualTo("Report");
  }

  @Test
  void aMissingTaskIs404() {
    assertThat(patch("/tasks/999999999", "{\"title\": \"x\"}").problem(404).str("entity")).isEqualTo("task");
  }
}
