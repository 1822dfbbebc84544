package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service on a random port, on its embedded PostgreSQL (no DATABASE_URL), spoken to over real HTTP
 * with the JDK's client. Every test class extends this one, so they share one application context (Spring's test
 * context cache): one server, one database, started once. Tests make their own rows (unique emails) and do not
 * depend on what other tests wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ServiceTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  /** One answer: status, content type, the body as text and as JSON (null when empty). */
  record Answer(int status, String contentType, String text, JsonNode json, HttpResponse<String> raw) {

    Answer expect(int expected) {
      assertThat(status).as(text).isEqualTo(expected);
      return this;
    }

    /** A Problem Details answer with this status; returns it for more checks. */
    Answer problem(int expected) {
      expect(expected);
      assertThat(contentType).as(text).startsWith("application/problem+json");
      assertThat(json.get("status").asInt()).isEqualTo(expected);
      assertThat(json.has("title")).as(text).isTrue();
      assertThat(text).doesNotContain("Exception", "\tat ", "trace", "SELECT", "INSERT");
      return this;
    }

    String str(String field) {
      JsonNode node = json.get(field);
      return node == null || node.isNull() ? null : node.asString();
    }

    long id() {
      return json.get("id").asLong();
    }
  }

  /** A request with {@code headers} as name, value, name, value…. */
  Answer send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode json = text == null || text.isEmpty() ? null : JSON.readTree(text);
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), text,
          json, response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, String body) {
    return send("POST", path, body);
  }

  Answer patch(String path, String body) {
    return send("PATCH", path, body);
  }

  static String uniqueEmail() {
    return "u-" + UUID.randomUUID() + "@example.org";
  }

  long newUser() {
    return post("/users", "{\"email\": \"" + uniqueEmail() + "\"}").expect(201).id();
  }

  long newTask(String json) {
    return post("/tasks", json).expect(201).id();
  }
}
