package dev.taskstore.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.examples.http.ApiClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting from the environment as {@code main} does, and stopping. */
class TaskHttpServiceTest {

  @Test
  void launchListensOnThePortFromTheEnvironmentAndSaysWhere() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TaskHttpService service = TaskHttpService.launch(Map.of("PORT", "0"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    ApiClient api = new ApiClient(service.port());
    try {
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .startsWith("task service listening on http://localhost:" + service.port() + " ");
      Reply count = api.get("/tasks/count?completed=true");
      assertThat(count.status()).isEqualTo(200);
      assertThat(count.json().get("count").isIntegralNumber()).isTrue();
    } finally {
      service.close();
    }

    assertThatThrownBy(() -> api.get("/tasks/count")).isInstanceOf(UncheckedIOException.class);
    service.close(); // a second close does nothing
  }

  @Test
  void portDefaultsTo8080AndMustBeAPortNumber() {
    assertThat(TaskHttpService.port(null)).isEqualTo(8080);
    assertThat(TaskHttpService.port("")).isEqualTo(8080);
    assertThat(TaskHttpService.port("0")).isZero();
    assertThat(TaskHttpService.port(" 9090 ")).isEqualTo(9090);
    assertThatThrownBy(() -> TaskHttpService.port("http")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT must be a number from 0 to 65535, was 'http'");
    assertThatThrownBy(() -> TaskHttpService.port("65536")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaskHttpService.launch(Map.of("PORT", "-1"), System.out))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
