package dev.taskstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskSort;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The search row compares like with like: the hand-written JDBC search returns the rows, in the order, that
 * taskstore's search by relevance returns, for the terms the benchmark sends.
 */
class SearchBaselineTest {

  @Test
  void theBaselineSearchFindsWhatTaskstoreFinds() throws SQLException {
    try (EmbeddedDatabase server = EmbeddedDatabase.start();
        TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(server.jdbcUrl()).migrateOnOpen(true).build());
        JdbcTasks jdbc = new JdbcTasks(server.jdbcUrl(), 2)) {
      new Dataset(server.jdbcUrl()).seed(300);
      for (String terms : new String[] {"task 77", "task 300", "number 1 or number 2", "task 301"}) {
        var viaStore = store.tasks().list(TaskQuery.builder().filter(TaskFilter.search(terms))
            .sort(TaskSort.RELEVANCE).limit(BenchEnv.PAGE_SIZE).build());
        JdbcTasks.SearchPage viaJdbc = jdbc.search(terms, BenchEnv.PAGE_SIZE);
        assertThat(viaJdbc.items()).as(terms).isEqualTo(viaStore.items());
        assertThat(viaJdbc.lastId() > 0).isEqualTo(viaStore.nextCursor().isPresent());
      }
      assertThat(jdbc.search("task 77", BenchEnv.PAGE_SIZE).items()).extracting(TaskRead::id).containsExactly(77L);
    }
  }
}
