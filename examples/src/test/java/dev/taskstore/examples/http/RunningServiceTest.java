package dev.taskstore.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.examples.ExampleDatabase;
import dev.taskstore.examples.http.ApiClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that call the service over HTTP: one service per test class on the shared example store,
 * a client for it, and empty tables before every test.
 */
abstract class RunningServiceTest {

  private static TaskHttpService service;

  /** The client of the running service. */
  protected static ApiClient api;

  @BeforeAll
  static void startService() {
    service = TaskHttpService.start(ExampleDatabase.store(), 0);
    api = new ApiClient(service.port());
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  @BeforeEach
  void emptyTables() {
    ExampleDatabase.truncate();
  }

  /** Creates a user through the service; returns its id. */
  static long user(String email) {
    return api.post("/users", "{\"email\": \"" + email + "\"}").json().get("id").asLong();
  }

  /** Checks a validation error: its status, and that it names the field first in its message. */
  static void assertField(Reply reply, int status, String field) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.json().get("error").asText()).isEqualTo("validation");
    assertThat(reply.json().get("field").asText()).as(reply.text()).isEqualTo(field);
    assertThat(reply.json().get("message").asText()).startsWith(field + " ");
  }
}
