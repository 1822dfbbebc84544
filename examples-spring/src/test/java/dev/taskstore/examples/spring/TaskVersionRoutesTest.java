package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Optimistic locking and idempotent creates over HTTP: the version is the ETag, {@code If-Match} makes a PATCH
 * conditional (409 with {@code currentVersion} when stale), {@code Idempotency-Key} makes a POST safe to retry.
 */
class TaskVersionRoutesTest extends ServiceTest {

  @Test
  void theVersionIsTheETagAndInTheBody() {
    Answer created = post("/tasks", "{\"title\": \"Report\"}").expect(201);
    assertThat(created.json().get("version").asLong()).isEqualTo(1);
    assertThat(created.str("updatedAt")).isEqualTo(created.str("createdAt"));
    assertThat(created.raw().headers().firstValue("ETag")).contains("\"1\"");

    Answer read = get("/tasks/" + created.id()).expect(200);
    assertThat(read.raw().headers().firstValue("ETag")).contains("\"1\"");
    assertThat(read.json().get("task").get("version").asLong()).isEqualTo(1);
  }

  @Test
  void aPatchWithTheCurrentVersionAppliesAndAStaleOneIs409WithTheCurrentVersion() {
    long id = newTask("{\"title\": \"Report\"}");

    Answer first = send("PATCH", "/tasks/" + id, "{\"title\": \"Mine\"}", "If-Match", "\"1\"").expect(200);
    assertThat(first.json().get("version").asLong()).isEqualTo(2);
    assertThat(first.raw().headers().firstValue("ETag")).contains("\"2\"");

    Answer stale = send("PATCH", "/tasks/" + id, "{\"title\": \"Theirs\"}", "If-Match", "\"1\"").problem(409);
    assertThat(stale.str("title")).isEqualTo("Version conflict");
    assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(2);
    assertThat(stale.json().get("expectedVersion").asLong()).isEqualTo(1);
    assertThat(stale.json().get("id").asLong()).isEqualTo(id);
    assertThat(get("/tasks/" + id).json().get("task").get("title").asString()).isEqualTo("Mine");
  }

  @Test
  void withoutIfMatchOrWithAStarThePatchAppliesWhateverTheVersion() {
    long id = newTask("{\"title\": \"Report\"}");
    patch("/tasks/" + id, "{\"title\": \"One\"}").expect(200);

    assertThat(send("PATCH", "/tasks/" + id, "{\"title\": \"Two\"}", "If-Match", "*").expect(200)
        .json().get("version").asLong()).isEqualTo(3);
  }

  @Test
  void aBadIfMatchIs400AndAMissingTask404() {
    long id = newTask("{\"title\": \"Report\"}");
    for (String bad : new String[] {"W/\"1\"", "\"1\", \"2\"", "\"one\"", "\"\"", "\"99999999999999999999\""}) {
      assertThat(send("PATCH", "/tasks/" + id, "{\"title\": \"x\"}", "If-Match", bad).problem(400).str("field"))
          .as(bad).isEqualTo("If-Match");
    }
    assertThat(send("PATCH", "/tasks/" + id, "{\"title\": \"x\"}", "If-Match", "\"0\"").problem(400).str("field"))
        .isEqualTo("expectedVersion");
    assertThat(send("PATCH", "/tasks/999999999", "{\"title\": \"x\"}", "If-Match", "\"1\"").problem(404)
        .str("entity")).isEqualTo("task");
  }

  @Test
  void aRetriedPostWithTheSameIdempotencyKeyStoresOneTask() {
    String key = UUID.randomUUID().toString();
    String body = "{\"title\": \"Pay the invoice\", \"priority\": \"high\"}";

    Answer first = send("POST", "/tasks", body, "Idempotency-Key", key).expect(201);
    Answer retry = send("POST", "/tasks", body, "Idempotency-Key", key).expect(201);

    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.raw().headers().firstValue("Location")).contains("/tasks/" + first.id());
    assertThat(send("POST", "/tasks", body, "Idempotency-Key", UUID.randomUUID().toString()).expect(201).id())
        .isNotEqualTo(first.id());
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyIs409AndABadKey400() {
    String key = UUID.randomUUID().toString();
    send("POST", "/tasks", "{\"title\": \"Pay the invoice\"}", "Idempotency-Key", key).expect(201);

    Answer conflict = send("POST", "/tasks", "{\"title\": \"Pay another\"}", "Idempotency-Key", key).problem(409);
    assertThat(conflict.str("title")).isEqualTo("Idempotency key reused");
    assertThat(conflict.text()).doesNotContain(key);

    assertThat(send("POST", "/tasks", "{\"title\": \"x\"}", "Idempotency-Key", "k".repeat(256)).problem(400)
        .str("field")).isEqualTo("idempotencyKey");
    assertThat(send("POST", "/tasks", "{\"title\": \"x\"}", "Idempotency-Key", "two words").problem(400)
        .str("field")).isEqualTo("idempotencyKey");
  }
}
