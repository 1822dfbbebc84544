package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Full-text search over a task's title and description, as {@link TaskFilter.Builder#search} documents it. */
class SearchTest extends DatabaseTest {

  private List<String> titles(TaskFilter filter, TaskSort sort) {
    return store.tasks().list(TaskQuery.builder().filter(filter).sort(sort).build()).items().stream()
        .map(TaskRead::title).toList();
  }

  private List<String> titles(String search) {
    return titles(TaskFilter.search(search), TaskSort.ID_ASC);
  }

  @Test
  void findsWordsInTheTitleOrTheDescriptionIgnoringCase() {
    store.tasks().create(TaskBase.of("Buy MILK"));
    store.tasks().create(TaskBase.builder("Shopping").description("milk, eggs and bread").build());
    store.tasks().create(TaskBase.of("Buy milkshake"));
    store.tasks().create(TaskBase.of("Café au lait"));
    assertThat(titles("milk")).containsExactly("Buy MILK", "Shopping");
    assertThat(titles("Milk EGGS")).containsExactly("Shopping");
    assertThat(titles("CAFÉ")).containsExactly("Café au lait");
    assertThat(titles("cafe")).as("no accent folding in the simple configuration").isEmpty();
  }

  @Test
  void readsTheTermsLikeAWebSearchBox() {
    store.tasks().create(TaskBase.of("write the release notes"));
    store.tasks().create(TaskBase.of("release the notes"));
    store.tasks().create(TaskBase.of("write tests"));
    assertThat(titles("\"release notes\"")).containsExactly("write the release notes");
    assertThat(titles("notes or tests")).containsExactly("write the release notes", "release the notes",
        "write tests");
    assertThat(titles("write -tests")).containsExactly("write the release notes");
    assertThat(titles("the")).as("no stop words").containsExactly("write the release notes", "release the notes");
  }

  @Test
  void combinesWithTheOtherConditionsAndTheCounts() {
    UserRead ann = store.users().create("ann@example.org");
    store.tasks().create(TaskBase.builder("report one").completed(true).priority(Priority.HIGH).userId(ann.id()).build());
    store.tasks().create(TaskBase.builder("report two").priority(Priority.HIGH).userId(ann.id()).build());
    store.tasks().create(TaskBase.builder("report three").priority(Priority.LOW).build());
    store.tasks().create(TaskBase.builder("other").priority(Priority.HIGH).userId(ann.id()).build());
    TaskFilter open = TaskFilter.builder().search("report").completed(false).build();
    assertThat(titles(open, TaskSort.ID_ASC)).containsExactly("report two", "report three");
    assertThat(store.tasks().count(open)).isEqualTo(2);
    assertThat(store.tasks().countByPriority(open)).containsEntry(Priority.HIGH, 1L).containsEntry(Priority.LOW, 1L)
        .containsEntry(Priority.MEDIUM, 0L);
    assertThat(store.users().countTasksPerUser(TaskFilter.search("report"))).isEqualTo(Map.of(ann.id(), 2L));
    TaskFilter annsHigh = TaskFilter.builder().search("report").userId(ann.id()).priority(Priority.HIGH)
        .titleContains("TWO").build();
    assertThat(titles(annsHigh, TaskSort.RELEVANCE)).containsExactly("report two");
    assertThat(store.users().tasksOf(ann.id(), TaskQuery.builder().filter(TaskFilter.search("report"))
        .sort(TaskSort.RELEVANCE).build()).items()).extracting(TaskRead::title)
        .containsExactly("report two", "report one");
  }

  @Test
  void relevanceRanksTitleWordsAboveDescriptionWordsAndBreaksTiesByNewestId() {
    store.tasks().create(TaskBase.builder("a").description("invoice").build());
    store.tasks().create(TaskBase.of("invoice"));
    store.tasks().create(TaskBase.builder("b").description("invoice invoice invoice").build());
    store.tasks().create(TaskBase.of("Invoice"));
    store.tasks().create(TaskBase.builder("invoice").description("invoice").build());
    assertThat(titles(TaskFilter.search("invoice"), TaskSort.RELEVANCE))
        .containsExactly("invoice", "Invoice", "invoice", "b", "a");
    List<TaskRead> ranked = store.tasks().list(TaskQuery.builder().filter(TaskFilter.search("invoice"))
        .sort(TaskSort.RELEVANCE).build()).items();
    assertThat(ranked).extracting(TaskRead::id).containsExactly(5L, 4L, 2L, 3L, 1L);
  }

  @Test
  void relevancePagesWalkForwardAndBackOverTiedAndDistinctRanks() {
    for (int i = 0; i < 60; i++) {
      store.tasks().create(TaskBase.builder("topic " + i).description("topic ".repeat(i % 4)).build());
    }
    TaskQuery.Builder q = TaskQuery.builder().filter(TaskFilter.search("topic")).sort(TaskSort.RELEVANCE);
    List<TaskRead> all = store.tasks().list(q.limit(100).build()).items();
    assertThat(all).hasSize(60);
    q.limit(7);
    List<Page<TaskRead>> forward = new java.util.ArrayList<>();
    Page<TaskRead> page = store.tasks().list(q.build());
    forward.add(page);
    while (page.nextCursor().isPresent()) {
      page = store.tasks().list(q.after(page.nextCursor().get()).build());
      forward.add(page);
    }
    assertThat(forward.stream().flatMap(p -> p.items().stream()).toList()).isEqualTo(all);
    for (int i = forward.size() - 1; i > 0; i--) {
      Page<TaskRead> back = store.tasks().list(q.before(forward.get(i).previousCursor().orElseThrow()).build());
      assertThat(back.items()).isEqualTo(forward.get(i - 1).items());
    }
  }

  @Test
  void rowsWrittenWithPlainSqlAreFoundWithoutAnyColumnToMaintain() {
    // A writer that knows nothing of search (the SQLModel guide's model) inserts and updates as before.
    TestDatabase.execute("INSERT INTO task (title, description) VALUES ('from python', 'written by sqlmodel')");
    assertThat(titles("sqlmodel")).containsExactly("from python");
    TestDatabase.execute("UPDATE task SET description = 'rewritten by hand'");
    assertThat(titles("sqlmodel")).isEmpty();
    assertThat(titles("hand")).containsExactly("from python");
  }
}
