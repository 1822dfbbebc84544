package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing tasks: every filter, every sort, offset pagination and page-size bounds. */
class TaskListTest extends DatabaseTest {

  private List<String> titles(TaskFilter filter) {
    return titles(TaskQuery.builder().filter(filter).limit(1000).build());
  }

  private List<String> titles(TaskQuery query) {
    return store.tasks().list(query).items().stream().map(TaskRead::title).toList();
  }

  @Test
  void listOfAnEmptyTableIsAnEmptyLastPage() {
    Page<TaskRead> page = store.tasks().list(TaskQuery.firstPage());
    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void filterByCompleted() {
    store.tasks().create(TaskBase.builder("done").completed(true).build());
    store.tasks().create(TaskBase.builder("open").build());
    assertThat(titles(TaskFilter.completed(true))).containsExactly("done");
    assertThat(titles(TaskFilter.completed(false))).containsExactly("open");
    assertThat(titles(TaskFilter.all())).containsExactly("done", "open");
  }

  @Test
  void filterByPriority() {
    for (Priority p : Priority.values()) {
      store.tasks().create(TaskBase.builder(p.dbValue()).priority(p).build());
    }
    for (Priority p : Priority.values()) {
      assertThat(titles(TaskFilter.builder().priority(p).build())).containsExactly(p.dbValue());
    }
  }

  @Test
  void filterByUser() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    store.tasks().create(TaskBase.builder("ann's").userId(ann.id()).build());
    store.tasks().create(TaskBase.builder("bob's").userId(bob.id()).build());
    store.tasks().create(TaskBase.of("nobody's"));
    assertThat(titles(TaskFilter.builder().userId(ann.id()).build())).containsExactly("ann's");
    assertThat(titles(TaskFilter.builder().userId(bob.id()).build())).containsExactly("bob's");
    assertThat(titles(TaskFilter.builder().userId(999L).build())).isEmpty();
  }

  @Test
  void filterByDueDateBeforeIsExclusiveAfterIsInclusiveAndSkipsTasksWithoutDate() {
    Instant noon = Instant.parse("2030-06-01T12:00:00Z");
    store.tasks().create(TaskBase.builder("early").dueDate(noon.minusSeconds(1)).build());
    store.tasks().create(TaskBase.builder("noon").dueDate(noon).build());
    store.tasks().create(TaskBase.builder("late").dueDate(noon.plusSeconds(1)).build());
    store.tasks().create(TaskBase.of("undated"));
    assertThat(titles(TaskFilter.builder().dueBefore(noon).build())).containsExactly("early");
    assertThat(titles(TaskFilter.builder().dueAfter(noon).build())).containsExactly("noon", "late");
    assertThat(titles(TaskFilter.builder().dueAfter(noon.minusSeconds(1)).dueBefore(noon.plusSeconds(1)).build()))
        .containsExactly("early", "noon");
  }

  @Test
  void filterByTitleIgnoresLetterCase() {
    store.tasks().create(TaskBase.of("Call ANN today"));
    store.tasks().create(TaskBase.of("Write report"));
    assertThat(titles(TaskFilter.builder().titleContains("ann").build())).containsExactly("Call ANN today");
    assertThat(titles(TaskFilter.builder().titleContains("REPORT").build())).containsExactly("Write report");
    assertThat(titles(TaskFilter.builder().titleContains("").build())).hasSize(2);
  }

  @Test
  void likeWildcardsInTitleContainsAreLiteral() {
    store.tasks().create(TaskBase.of("100% done"));
    store.tasks().create(TaskBase.of("1000 done"));
    store.tasks().create(TaskBase.of("snake_case"));
    store.tasks().create(TaskBase.of("snakeXcase"));
    store.tasks().create(TaskBase.of("back\\slash"));
    store.tasks().create(TaskBase.of("backslash"));
    assertThat(titles(TaskFilter.builder().titleContains("%").build())).containsExactly("100% done");
    assertThat(titles(TaskFilter.builder().titleContains("0% d").build())).containsExactly("100% done");
    assertThat(titles(TaskFilter.builder().titleContains("_").build())).containsExactly("snake_case");
    assertThat(titles(TaskFilter.builder().titleContains("e_c").build())).containsExactly("snake_case");
    assertThat(titles(TaskFilter.builder().titleContains("\\").build())).containsExactly("back\\slash");
    assertThat(titles(TaskFilter.builder().titleContains("k\\s").build())).containsExactly("back\\slash");
    assertThat(titles(TaskFilter.builder().titleContains("\\%").build())).isEmpty();
  }

  @Test
  void filtersCombine() {
    UserRead ann = store.users().create("ann@example.org");
    Instant due = Instant.parse("2030-01-01T00:00:00Z");
    store.tasks().create(TaskBase.builder("match").completed(true).priority(Priority.HIGH).userId(ann.id())
        .dueDate(due).build());
    store.tasks().create(TaskBase.builder("match but open").priority(Priority.HIGH).userId(ann.id())
        .dueDate(due).build());
    store.tasks().create(TaskBase.builder("match but low").completed(true).priority(Priority.LOW)
        .userId(ann.id()).dueDate(due).build());
    TaskFilter f = TaskFilter.builder().completed(true).priority(Priority.HIGH).userId(ann.id())
        .dueAfter(due).dueBefore(due.plusSeconds(1)).titleContains("MATCH").build();
    assertThat(titles(f)).containsExactly("match");
    assertThat(store.tasks().count(f)).isEqualTo(1);
  }

  @Test
  void everySortIsTotalWithTiesBrokenById() {
    for (String t : new String[] {"a", "b", "c", "d", "e"}) {
      store.tasks().create(TaskBase.of(t));
    }
    // Creation times that disagree with the ids, with a tie between b and d.
    TestDatabase.execute("UPDATE task SET created_at = CASE title"
        + " WHEN 'a' THEN timestamptz '2024-01-05' WHEN 'b' THEN timestamptz '2024-01-02'"
        + " WHEN 'c' THEN timestamptz '2024-01-01' WHEN 'd' THEN timestamptz '2024-01-02'"
        + " ELSE timestamptz '2024-01-03' END");
    assertThat(titles(TaskQuery.builder().sort(TaskSort.ID_ASC).build())).containsExactly("a", "b", "c", "d", "e");
    assertThat(titles(TaskQuery.builder().sort(TaskSort.ID_DESC).build())).containsExactly("e", "d", "c", "b", "a");
    assertThat(titles(TaskQuery.builder().sort(TaskSort.CREATED_AT_ASC).build()))
        .containsExactly("c", "b", "d", "e", "a");
    assertThat(titles(TaskQuery.builder().sort(TaskSort.CREATED_AT_DESC).build()))
        .containsExactly("a", "e", "d", "b", "c");
  }

  @Test
  void offsetPaginationWalksEveryRowOnce() {
    for (int i = 0; i < 25; i++) {
      store.tasks().create(TaskBase.of("t" + i));
    }
    List<String> seen = new ArrayList<>();
    for (int offset = 0; offset < 30; offset += 10) {
      seen.addAll(titles(TaskQuery.builder().limit(10).offset(offset).build()));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      expected.add("t" + i);
    }
    assertThat(seen).isEqualTo(expected);
    assertThat(titles(TaskQuery.builder().limit(10).offset(100).build())).isEmpty();
  }

  @Test
  void nextCursorIsPresentExactlyWhenMoreRowsFollow() {
    for (int i = 0; i < 4; i++) {
      store.tasks().create(TaskBase.of("t" + i));
    }
    assertThat(store.tasks().list(TaskQuery.builder().limit(3).build()).nextCursor()).isPresent();
    assertThat(store.tasks().list(TaskQuery.builder().limit(4).build()).nextCursor()).isEmpty();
    assertThat(store.tasks().list(TaskQuery.builder().limit(5).build()).nextCursor()).isEmpty();
  }

  @Test
  void pageSizeBoundsAreOneAndOneThousand() {
    store.tasks().createAll(java.util.Collections.nCopies(1001, TaskBase.of("t")));
    assertThat(store.tasks().list(TaskQuery.builder().limit(1).build()).items()).hasSize(1);
    assertThat(store.tasks().list(TaskQuery.builder().limit(1000).build()).items()).hasSize(1000);
    ValidationException zero = catchThrowableOfType(ValidationException.class,
        () -> store.tasks().list(TaskQuery.builder().limit(0).build()));
    assertThat(zero.field()).isEqualTo("limit");
    ValidationException tooMany = catchThrowableOfType(ValidationException.class,
        () -> store.tasks().list(TaskQuery.builder().limit(1001).build()));
    assertThat(tooMany.field()).isEqualTo("limit");
    assertThat(tooMany.reason()).contains("1000");
  }

  @Test
  void theDefaultPageHoldsFiftyTasksByIdFromTheStart() {
    store.tasks().createAll(java.util.Collections.nCopies(60, TaskBase.of("t")));
    Page<TaskRead> page = store.tasks().list(TaskQuery.firstPage());
    assertThat(page.items()).hasSize(50);
    assertThat(page.items().get(0).id()).isEqualTo(1);
    assertThat(page.items().get(49).id()).isEqualTo(50);
  }
}
