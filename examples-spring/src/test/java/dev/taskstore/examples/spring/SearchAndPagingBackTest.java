package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /tasks?q=...} (full-text search, also on {@code /tasks/count}), {@code sort=relevance}, and
 * {@code before=} (the previous page), with taskstore's 400s for bad input, each naming the query parameter.
 */
class SearchAndPagingBackTest extends ServiceTest {

  /** A word no other test's task holds, so that the shared database does not matter. */
  private static String uniqueWord() {
    return "w" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }

  @Test
  void searchFindsTitleAndDescriptionWordsAndRanksTitlesFirst() {
    String word = uniqueWord();
    long inDescription = newTask("{\"title\": \"first\", \"description\": \"about " + word + "\"}");
    long inTitle = newTask("{\"title\": \"" + word + " second\"}");
    newTask("{\"title\": \"unrelated\"}");
    assertThat(ids(get("/tasks?q=" + word).expect(200).json())).containsExactly(inDescription, inTitle);
    assertThat(ids(get("/tasks?q=" + word + "&sort=relevance").expect(200).json()))
        .containsExactly(inTitle, inDescription);
    assertThat(get("/tasks/count?q=" + word.toUpperCase()).expect(200).json().get("count").asLong()).isEqualTo(2);
    assertThat(ids(get("/tasks?q=" + enc(word + " -second")).expect(200).json())).containsExactly(inDescription);
  }

  @Test
  void pagesGoBackWithBeforeInTheSameOrder() {
    String word = uniqueWord();
    for (int i = 0; i < 7; i++) {
      newTask("{\"title\": \"" + word + " " + i + "\", \"description\": \"" + (word + " ").repeat(i % 3) + "\"}");
    }
    String base = "/tasks?q=" + word + "&sort=relevance&limit=3";
    List<JsonNode> forward = new ArrayList<>();
    JsonNode page = get(base).expect(200).json();
    assertThat(page.get("previousCursor").isNull()).isTrue();
    forward.add(page);
    while (!page.get("nextCursor").isNull()) {
      page = get(base + "&cursor=" + enc(page.get("nextCursor").asString())).expect(200).json();
      forward.add(page);
    }
    assertThat(forward).hasSize(3);
    for (int i = forward.size() - 1; i > 0; i--) {
      JsonNode back = get(base + "&before=" + enc(forward.get(i).get("previousCursor").asString())).expect(200).json();
      assertThat(ids(back)).isEqualTo(ids(forward.get(i - 1)));
    }
  }

  @Test
  void badSearchesSortsAndCursorsAre400NamingTheParameterOrAnEmptyPage() {
    String word = uniqueWord();
    newTask("{\"title\": \"" + word + "\"}");
    newTask("{\"title\": \"" + word + " again\"}");
    assertThat(get("/tasks?q=").problem(400).str("field")).isEqualTo("q");
    assertThat(get("/tasks?q=%20%20").problem(400).str("field")).isEqualTo("q");
    // One character over taskstore's limit (a 10,000-character URL never reaches the controller: Tomcat's
    // 8 KB request-header limit answers it first).
    String tooLong = "x".repeat(dev.taskstore.TaskFilter.MAX_SEARCH_LENGTH + 1);
    assertThat(get("/tasks?q=" + tooLong).problem(400).str("field")).isEqualTo("q");
    assertThat(get("/tasks/count?q=" + tooLong).problem(400).str("field")).isEqualTo("q");
    JsonNode operators = get("/tasks?q=" + enc("\"\" - OR")).expect(200).json();
    assertThat(operators.get("items").size()).isZero();
    assertThat(get("/tasks/count?q=" + enc("\"\" - OR")).expect(200).json().get("count").asLong()).isZero();
    assertThat(get("/tasks?sort=relevance").problem(400).str("field")).isEqualTo("sort");
    assertThat(get("/tasks?sort=newest").problem(400).str("field")).isEqualTo("sort");

    JsonNode first = get("/tasks?q=" + word + "&limit=1").expect(200).json();
    JsonNode second = get("/tasks?q=" + word + "&limit=1&cursor=" + enc(first.get("nextCursor").asString()))
        .expect(200).json();
    String previous = enc(second.get("previousCursor").asString());
    assertThat(ids(get("/tasks?q=" + word + "&limit=1&before=" + previous).expect(200).json()))
        .isEqualTo(ids(first));
    assertThat(get("/tasks?q=" + word + "&sort=relevance&before=" + previous).problem(400).str("field"))
        .isEqualTo("before");
    assertThat(get("/tasks?q=" + word + "&sort=id_desc&before=" + previous).problem(400).str("field"))
        .isEqualTo("before");
    assertThat(get("/tasks?before=" + previous).problem(400).str("field")).isEqualTo("before");
    assertThat(get("/tasks?before=not-a-cursor").problem(400).str("field")).isEqualTo("before");
    assertThat(get("/tasks?q=" + word + "&cursor=" + previous).problem(400).str("field")).isEqualTo("cursor");
    assertThat(get("/tasks?q=" + word + "&before=" + previous + "&cursor=" + previous).problem(400).str("field"))
        .isEqualTo("before");
  }
}
