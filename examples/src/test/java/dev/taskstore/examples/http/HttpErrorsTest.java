package dev.taskstore.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.TaskStore;
import dev.taskstore.examples.ExampleDatabase;
import dev.taskstore.examples.http.ApiClient.Reply;
import org.junit.jupiter.api.Test;

/** Every error status the service answers with, and that no error body leaks SQL or a stack trace. */
class HttpErrorsTest extends RunningServiceTest {

  @Test
  void malformedJsonIsBadRequestWithoutEchoingTheBody() {
    Reply reply = api.post("/tasks", "{\"title\": \"secret\" \"priority\": }");

    assertError(reply, 400, "malformed_json");
    assertThat(reply.json().get("message").asText()).startsWith("request body is not valid JSON: ")
        .contains("line 1").doesNotContain("secret");
  }

  @Test
  void emptyBodyAndNonObjectJsonAreBadRequest() {
    assertThat(assertError(api.post("/users", ""), 400, "malformed_json").json().get("message").asText())
        .endsWith("was empty");
    assertThat(assertError(api.post("/users", "[]"), 400, "malformed_json").json().get("message").asText())
        .endsWith("was an array");
    assertThat(assertError(api.post("/users", "\"ann@example.org\""), 400, "malformed_json")
        .json().get("message").asText()).endsWith("was a string");
    assertError(api.post("/users", "{\"email\": \"a@b.c\"} trailing"), 400, "malformed_json");
    assertError(api.patch("/tasks/1", "null"), 400, "malformed_json");
  }

  @Test
  void unknownRoutesAreNotFound() {
    assertError(api.get("/"), 404, "not_found");
    assertError(api.get("/nope"), 404, "not_found");
    assertError(api.get("/tasks/abc"), 404, "not_found");
    assertError(api.get("/tasks/-1"), 404, "not_found");
    assertError(api.get("/tasks/1/extra"), 404, "not_found");
    assertError(api.delete("/teams/1"), 404, "not_found");
    assertThat(api.get("/nope").json().get("message").asText()).isEqualTo("no route for GET /nope");
  }

  @Test
  void wrongMethodIsMethodNotAllowedWithAnAllowHeader() {
    assertThat(assertError(api.delete("/tasks"), 405, "method_not_allowed").header("Allow")).isEqualTo("POST, GET");
    assertThat(assertError(api.post("/tasks/count", "{}"), 405, "method_not_allowed").header("Allow"))
        .isEqualTo("GET");
    assertThat(assertError(api.put("/tasks/1"), 405, "method_not_allowed").header("Allow"))
        .isEqualTo("GET, PATCH, DELETE");
    assertThat(assertError(api.get("/users"), 405, "method_not_allowed").header("Allow")).isEqualTo("POST");
    assertThat(assertError(api.get("/teams/1/members/2"), 405, "method_not_allowed").header("Allow"))
        .isEqualTo("PUT");
  }

  @Test
  void idTooLargeForALongIsBadRequest() {
    Reply reply = assertError(api.get("/tasks/99999999999999999999"), 400, "validation");

    assertThat(reply.json().get("field").asText()).isEqualTo("id");
  }

  @Test
  void bodyOverTheLimitIsPayloadTooLarge() {
    String huge = "{\"title\": \"" + "x".repeat(Router.MAX_BODY_BYTES) + "\"}";

    assertError(api.post("/tasks", huge), 413, "payload_too_large");
  }

  @Test
  void databaseUnavailableIsServiceUnavailableWithoutInternals() {
    TaskStore closed = TaskStore.open(ExampleDatabase.config());
    closed.close();
    try (TaskHttpService down = TaskHttpService.start(closed, 0)) {
      Reply reply = new ApiClient(down.port()).get("/tasks/1");

      assertError(reply, 503, "unavailable");
      assertThat(reply.json().get("message").asText()).isEqualTo("the database is unavailable, try again later");
    }
  }

  /** Checks status, code and that the body holds nothing a client should not see; returns the reply. */
  static Reply assertError(Reply reply, int status, String error) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().get("error").asText()).isEqualTo(error);
    assertThat(reply.json().get("message").asText()).isNotBlank();
    assertThat(reply.text()).doesNotContainIgnoringCase("select ").doesNotContainIgnoringCase("insert into")
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("jdbc:");
    return reply;
  }
}
