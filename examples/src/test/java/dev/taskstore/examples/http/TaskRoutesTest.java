package dev.taskstore.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstore.examples.http.ApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRoutesTest extends RunningServiceTest {

  @Test
  void postTaskWithOnlyATitleTakesTheGuidesDefaults() {
    Reply reply = api.post("/tasks", "{\"title\": \"Write the report\"}");

    assertThat(reply.status()).isEqualTo(201);
    JsonNode task = reply.json();
    assertThat(task.get("id").asLong()).isEqualTo(1);
    assertThat(task.get("title").asText()).isEqualTo("Write the report");
    assertThat(task.get("priority").asText()).isEqualTo("medium");
    assertThat(task.get("completed").asBoolean()).isFalse();
    assertThat(task.get("description").isNull()).isTrue();
    assertThat(task.get("dueDate").isNull()).isTrue();
    assertThat(task.get("userId").isNull()).isTrue();
    assertThat(reply.header("Location")).isEqualTo("/tasks/1");
  }

  @Test
  void postTaskWithEveryField() {
    long ann = user("ann@example.org");

    JsonNode task = api.post("/tasks", "{\"title\": \"Write\", \"description\": \"numbers\", \"priority\": \"HIGH\","
        + " \"completed\": true, \"dueDate\": \"2030-01-15T09:00:00Z\", \"userId\": " + ann + "}").json();

    assertThat(task.get("description").asText()).isEqualTo("numbers");
    assertThat(task.get("priority").asText()).isEqualTo("high");
    assertThat(task.get("completed").asBoolean()).isTrue();
    assertThat(task.get("dueDate").asText()).isEqualTo("2030-01-15T09:00:00Z");
    assertThat(task.get("userId").asLong()).isEqualTo(ann);
  }

  @Test
  void postTaskRejectsBadValuesNamingTheField() {
    assertField(api.post("/tasks", "{\"title\": \"  \"}"), 400, "title");
    assertField(api.post("/tasks", "{\"description\": \"no title\"}"), 400, "title");
    assertField(api.post("/tasks", "{\"title\": null}"), 400, "title");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"priority\": \"urgent\"}"), 400, "priority");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"priority\": null}"), 400, "priority");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"completed\": \"yes\"}"), 400, "completed");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"completed\": null}"), 400, "completed");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"dueDate\": \"next week\"}"), 400, "dueDate");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"userId\": \"1\"}"), 400, "userId");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"userId\": 1.5}"), 400, "userId");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"userId\": 0}"), 400, "userId");
    assertField(api.post("/tasks", "{\"title\": \"t\", \"owner\": 1}"), 400, "owner");
    assertField(api.post("/tasks", "{\"title\": \"" + "x".repeat(501) + "\"}"), 400, "title");
    assertThat(api.get("/tasks/count").json().get("count").asLong()).isZero();
  }

  @Test
  void postTaskForAMissingUserIsAnIntegrityErrorNamingTheConstraint() {
    Reply reply = api.post("/tasks", "{\"title\": \"t\", \"userId\": 999}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).isEqualTo("constraint");
    assertThat(reply.json().get("constraint").asText()).isEqualTo("task_user_id_fkey");
    assertThat(reply.json().get("field").asText()).isEqualTo("userId");
  }

  @Test
  void getTaskReturnsItWithItsUser() {
    long ann = user("ann@example.org");
    long owned = task("{\"title\": \"owned\", \"userId\": " + ann + "}");
    long orphan = task("{\"title\": \"orphan\"}");

    Reply withUser = api.get("/tasks/" + owned);
    Reply without = api.get("/tasks/" + orphan);

    assertThat(withUser.status()).isEqualTo(200);
    assertThat(withUser.json().get("task").get("title").asText()).isEqualTo("owned");
    assertThat(withUser.json().get("user").get("email").asText()).isEqualTo("ann@example.org");
    assertThat(without.json().get("task").get("title").asText()).isEqualTo("orphan");
    assertThat(without.json().get("user").isNull()).isTrue();
  }

  @Test
  void getMissingTaskIsNotFound() {
    Reply reply = api.get("/tasks/42");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("error").asText()).isEqualTo("not_found");
    assertThat(reply.json().get("entity").asText()).isEqualTo("task");
    assertThat(reply.json().get("id").asLong()).isEqualTo(42);
  }

  @Test
  void deleteRemovesTheTaskAndASecondDeleteIsNotFound() {
    long id = task("{\"title\": \"t\"}");

    Reply deleted = api.delete("/tasks/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.text()).isEmpty();
    assertThat(api.get("/tasks/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/tasks/" + id).status()).isEqualTo(404);
  }

  @Test
  void listFiltersAndPagesWithTheCursorUntilTheEnd() {
    long ann = user("ann@example.org");
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long id = task("{\"title\": \"t" + i + "\", \"completed\": " + (i % 2 == 0) + ", \"userId\": " + ann + "}");
      if (i % 2 == 0) {
        expected.add(id);
      }
    }
    task("{\"title\": \"not ann's\", \"completed\": true}");

    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply page = api.get("/tasks?completed=true&userId=" + ann + "&limit=3"
          + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(t -> seen.add(t.get("id").asLong()));
      JsonNode next = page.json().get("nextCursor");
      cursor = next.isNull() ? null : java.net.URLEncoder.encode(next.asText(), java.nio.charset.StandardCharsets.UTF_8);
      pages++;
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void listFiltersByPriority() {
    task("{\"title\": \"a\", \"priority\": \"high\"}");
    task("{\"title\": \"b\", \"priority\": \"low\"}");
    task("{\"title\": \"c\", \"priority\": \"high\"}");

    Reply reply = api.get("/tasks?priority=high");

    assertThat(reply.json().get("items")).extracting(t -> t.get("title").asText()).containsExactly("a", "c");
    assertThat(reply.json().get("nextCursor").isNull()).isTrue();
  }

  @Test
  void listRejectsBadParametersNamingThem() {
    assertField(api.get("/tasks?completed=maybe"), 400, "completed");
    assertField(api.get("/tasks?priority=urgent"), 400, "priority");
    assertField(api.get("/tasks?userId=ann"), 400, "userId");
    assertField(api.get("/tasks?limit=0"), 400, "limit");
    assertField(api.get("/tasks?limit=100000"), 400, "limit");
    assertField(api.get("/tasks?limit=ten"), 400, "limit");
    assertField(api.get("/tasks?cursor=forged"), 400, "cursor");
    assertField(api.get("/tasks?complete=true"), 400, "complete");
    assertField(api.get("/tasks?limit=1&limit=2"), 400, "limit");
  }

  @Test
  void countCountsCompletedTasksAndTakesTheSameFilters() {
    long ann = user("ann@example.org");
    task("{\"title\": \"a\", \"completed\": true, \"userId\": " + ann + "}");
    task("{\"title\": \"b\", \"completed\": true, \"priority\": \"high\"}");
    task("{\"title\": \"c\"}");

    assertThat(api.get("/tasks/count?completed=true").json().get("count").asLong()).isEqualTo(2);
    assertThat(api.get("/tasks/count?completed=false").json().get("count").asLong()).isEqualTo(1);
    assertThat(api.get("/tasks/count").json().get("count").asLong()).isEqualTo(3);
    assertThat(api.get("/tasks/count?completed=true&priority=high").json().get("count").asLong()).isEqualTo(1);
    assertThat(api.get("/tasks/count?userId=" + ann).json().get("count").asLong()).isEqualTo(1);
    assertField(api.get("/tasks/count?completed=yes"), 400, "completed");
    assertField(api.get("/tasks/count?limit=5"), 400, "limit");
  }

  private static long task(String json) {
    Reply reply = api.post("/tasks", json);
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json().get("id").asLong();
  }
}
