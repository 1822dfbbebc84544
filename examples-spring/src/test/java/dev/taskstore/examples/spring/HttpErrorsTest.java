package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Spring MVC's own errors, as Problem Details: bad JSON, unknown fields and parameters, routes, methods. */
class HttpErrorsTest extends ServiceTest {

  @Test
  void malformedJsonIs400() {
    Answer answer = post("/tasks", "{\"title\": ").problem(400);
    assertThat(answer.str("detail")).isEqualTo("the body is not valid JSON");
    assertThat(post("/users", null).problem(400).str("detail")).contains("missing");
  }

  @Test
  void anUnknownFieldIs400NamingIt() {
    Answer answer = post("/tasks", "{\"title\": \"t\", \"colour\": \"red\"}").problem(400);
    assertThat(answer.str("field")).isEqualTo("colour");
    assertThat(answer.text()).doesNotContain("red");
  }

  @Test
  void aWrongJsonTypeIs400NamingTheField() {
    Answer answer = post("/tasks", "{\"title\": \"t\", \"userId\": \"seven\"}").problem(400);
    assertThat(answer.str("field")).isEqualTo("userId");
    assertThat(answer.text()).doesNotContain("seven");
    assertThat(post("/tasks", "{\"title\": \"t\", \"dueDate\": \"soon\"}").problem(400).str("field"))
        .isEqualTo("dueDate");
  }

  @Test
  void badQueryParametersAre400NamingThem() {
    assertThat(get("/tasks?complete=true").problem(400).str("field")).isEqualTo("complete");
    assertThat(get("/tasks/count?limit=3").problem(400).str("field")).isEqualTo("limit");
    assertThat(get("/tasks?completed=maybe").problem(400).str("field")).isEqualTo("completed");
    assertThat(get("/tasks?userId=abc").problem(400).str("field")).isEqualTo("userId");
    assertThat(get("/tasks/count?priority=urgent").problem(400).str("field")).isEqualTo("priority");
    assertThat(get("/tasks/99999999999999999999999").problem(400).str("field")).isEqualTo("id");
  }

  @Test
  void anUnknownRouteIs404() {
    get("/nothing/here").problem(404);
    post("/nothing", "{}").problem(404);
    get("/tasks/abc").problem(404);
  }

  @Test
  void aWrongMethodIs405WithAllow() {
    Answer answer = send("DELETE", "/users/1", null).problem(405);
    assertThat(answer.raw().headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    send("PUT", "/tasks", "{}").problem(405);
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/users"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("ann@example.org")).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }
}
