package dev.taskstore.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.Priority;
import dev.taskstore.TaskRead;
import dev.taskstore.examples.ExampleDatabase;
import dev.taskstore.examples.http.ApiClient.Reply;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PATCH /tasks/{id}: an absent field stays, a null field is cleared, checked in the database itself. */
class TaskPatchTest extends RunningServiceTest {

  private static final Instant DUE = Instant.parse("2030-01-15T09:00:00Z");

  private long ann;
  private long id;

  @BeforeEach
  void oneFullTask() {
    ann = user("ann@example.org");
    id = api.post("/tasks", "{\"title\": \"Write\", \"description\": \"numbers\", \"priority\": \"high\","
        + " \"dueDate\": \"" + DUE + "\", \"userId\": " + ann + "}").json().get("id").asLong();
  }

  @Test
  void changedTitleAndNullDescriptionLeaveTheOtherFieldsUntouched() {
    Reply reply = api.patch("/tasks/" + id, "{\"title\": \"Write the Q4 report\", \"description\": null}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("title").asText()).isEqualTo("Write the Q4 report");
    assertThat(reply.json().get("description").isNull()).isTrue();
    assertThat(reply.json().get("priority").asText()).isEqualTo("high");
    TaskRead stored = stored();
    assertThat(stored.title()).isEqualTo("Write the Q4 report");
    assertThat(stored.description()).isEmpty();
    assertThat(stored.priority()).isEqualTo(Priority.HIGH);
    assertThat(stored.completed()).isFalse();
    assertThat(stored.dueDate()).contains(DUE);
    assertThat(stored.userId()).isEqualTo(Optional.of(ann));
  }

  @Test
  void nullDueDateAndNullUserIdAreCleared() {
    Reply reply = api.patch("/tasks/" + id, "{\"dueDate\": null, \"userId\": null}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(stored().dueDate()).isEmpty();
    assertThat(stored().userId()).isEmpty();
    assertThat(stored().description()).contains("numbers");
    assertThat(api.get("/tasks/" + id).json().get("user").isNull()).isTrue();
  }

  @Test
  void everySettableFieldCanChange() {
    long bob = user("bob@example.org");

    api.patch("/tasks/" + id, "{\"priority\": \"low\", \"completed\": true, \"dueDate\": \"2031-02-01T00:00:00Z\","
        + " \"userId\": " + bob + ", \"description\": \"new\"}");

    TaskRead stored = stored();
    assertThat(stored.priority()).isEqualTo(Priority.LOW);
    assertThat(stored.completed()).isTrue();
    assertThat(stored.dueDate()).contains(Instant.parse("2031-02-01T00:00:00Z"));
    assertThat(stored.userId()).isEqualTo(Optional.of(bob));
    assertThat(stored.description()).contains("new");
    assertThat(stored.title()).isEqualTo("Write");
  }

  @Test
  void emptyObjectChangesNothing() {
    TaskRead before = stored();

    Reply reply = api.patch("/tasks/" + id, "{}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void nullForARequiredFieldIsRefusedAndChangesNothing() {
    TaskRead before = stored();

    assertField(api.patch("/tasks/" + id, "{\"title\": null, \"description\": null}"), 400, "title");
    assertField(api.patch("/tasks/" + id, "{\"priority\": null}"), 400, "priority");
    assertField(api.patch("/tasks/" + id, "{\"completed\": null}"), 400, "completed");

    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void wrongTypesUnknownFieldsAndBadValuesAreRefused() {
    TaskRead before = stored();

    assertField(api.patch("/tasks/" + id, "{\"title\": 7}"), 400, "title");
    assertField(api.patch("/tasks/" + id, "{\"completed\": \"true\"}"), 400, "completed");
    assertField(api.patch("/tasks/" + id, "{\"completed\": 1}"), 400, "completed");
    assertField(api.patch("/tasks/" + id, "{\"priority\": \"urgent\"}"), 400, "priority");
    assertField(api.patch("/tasks/" + id, "{\"dueDate\": 1735689600}"), 400, "dueDate");
    assertField(api.patch("/tasks/" + id, "{\"userId\": [1]}"), 400, "userId");
    assertField(api.patch("/tasks/" + id, "{\"id\": 5}"), 400, "id");
    assertField(api.patch("/tasks/" + id, "{\"title\": \"\"}"), 400, "title");

    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void userIdOfAMissingUserIsAnIntegrityError() {
    Reply reply = api.patch("/tasks/" + id, "{\"userId\": 999}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("constraint").asText()).isEqualTo("task_user_id_fkey");
    assertThat(stored().userId()).isEqualTo(Optional.of(ann));
  }

  @Test
  void patchOfAMissingTaskIsNotFound() {
    Reply reply = api.patch("/tasks/999", "{\"title\": \"x\"}");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("entity").asText()).isEqualTo("task");
  }

  @Test
  void aFieldSentTwiceIsMalformedRatherThanGuessed() {
    Reply reply = api.patch("/tasks/" + id, "{\"description\": \"a\", \"description\": null}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).isEqualTo("malformed_json");
    assertThat(stored().description()).contains("numbers");
  }

  private TaskRead stored() {
    return ExampleDatabase.store().tasks().get(id);
  }
}
