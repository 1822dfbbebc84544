package dev.taskstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.DatabaseTest;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskSort;
import dev.taskstore.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statements the store runs for a search can use the GIN index of V3__task_search.sql: their text search
 * expression is exactly the index's (a difference as small as a missing cast would make PostgreSQL read every
 * row). Checked on the plans of the very SQL and bind values the store runs.
 */
class SearchIndexTest extends DatabaseTest {

  @Test
  void countsAndPagesOfASearchUseTheSearchIndex() throws Exception {
    List<TaskBase> tasks = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      tasks.add(TaskBase.builder("task " + i).description(i % 100 == 0 ? "needle" : "hay").build());
    }
    store.tasks().createAll(tasks);
    TestDatabase.execute("ANALYZE task");
    TaskFilter needle = TaskFilter.search("needle");
    TaskListSql lists = SchemaSql.of("public").lists();
    String first = store.tasks().list(TaskQuery.builder().filter(needle).sort(TaskSort.RELEVANCE).limit(5).build())
        .nextCursor().orElseThrow();
    for (TaskListSql.Statement statement : List.of(
        lists.count(needle),
        lists.page(TaskQuery.builder().filter(needle).build(), false),
        lists.page(TaskQuery.builder().filter(needle).sort(TaskSort.RELEVANCE).build(), true),
        lists.page(TaskQuery.builder().filter(needle).sort(TaskSort.RELEVANCE).after(first).build(), false))) {
      assertThat(plan(statement)).as(statement.sql()).contains("task_search_idx");
    }
  }

  private static String plan(TaskListSql.Statement statement) throws Exception {
    try (Connection c = TestDatabase.connect()) {
      try (Statement s = c.createStatement()) {
        // Only to tell "cannot use the index" from "chose not to": with sequential scans priced out, a plan
        // without the index means the expressions differ.
        s.execute("SET enable_seqscan = off");
      }
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + statement.sql())) {
        for (int i = 0; i < statement.binds().size(); i++) {
          ps.setObject(i + 1, statement.binds().get(i));
        }
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
        return plan.toString();
      }
    }
  }
}
