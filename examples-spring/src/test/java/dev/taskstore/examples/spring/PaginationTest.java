package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /tasks} with {@code cursor}: walking the pages of one user's tasks while new tasks are inserted between
 * requests sees every task that existed at the start exactly once, in id order, and the new ones after them
 * (keyset pagination: a new row has a higher id, so it can only appear on a later page, never shift one).
 */
class PaginationTest extends ServiceTest {

  @Test
  void pagesNeitherRepeatNorSkipWhileTasksAreInserted() {
    long user = newUser();
    List<Long> before = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      before.add(newTask("{\"title\": \"t" + i + "\", \"userId\": " + user + "}"));
    }
    long other = newUser(); // another user's tasks, inserted between pages too, must never show up
    List<Long> seen = new ArrayList<>();
    List<Long> inserted = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String path = "/tasks?userId=" + user + "&limit=5"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = get(path).expect(200).json();
      for (JsonNode item : page.get("items")) {
        seen.add(item.get("id").asLong());
        assertThat(item.get("userId").asLong()).isEqualTo(user);
      }
      assertThat(page.get("items").size()).isLessThanOrEqualTo(5);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      if (pages < 3) { // between the first pages: one of this user's, one of the other's
        inserted.add(newTask("{\"title\": \"late" + pages + "\", \"userId\": " + user + "}"));
        newTask("{\"title\": \"other\", \"userId\": " + other + "}");
      }
      pages++;
      assertThat(pages).isLessThan(20);
    } while (cursor != null);

    assertThat(new HashSet<>(seen)).hasSameSizeAs(seen); // no repeats
    assertThat(seen).isSorted();
    assertThat(seen).containsAll(before).containsAll(inserted); // no gaps
    assertThat(seen).hasSize(before.size() + inserted.size());
  }

  @Test
  void aForgedCursorOrABadLimitIs400() {
    assertThat(get("/tasks?cursor=not-a-cursor").problem(400).str("field")).isEqualTo("cursor");
    assertThat(get("/tasks?limit=0").problem(400).str("field")).isEqualTo("limit");
    assertThat(get("/tasks?limit=100000").problem(400).str("field")).isEqualTo("limit");
  }
}
