package dev.taskstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskWithUser;
import dev.taskstore.internal.jooq.tables.records.TaskRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.JoinRow;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The peers do what the baseline does: every operation the report compares, against a real server, gives the
 * same rows through jOOQ and JDBI as through the hand-written JDBC baseline. A peer that read the wrong row or
 * inserted nothing would make its figure meaningless.
 */
class PeersTest {

  private static final long TASKS = 200;

  private static SeededServer server;
  private static Dataset data;
  private static JdbcTasks jdbc;
  private static JooqTasks jooq;
  private static JdbiTasks jdbi;

  @BeforeAll
  static void start() {
    server = SeededServer.start(TASKS);
    data = server.data();
    jdbc = new JdbcTasks(server.url(), 2);
    jooq = new JooqTasks(server.url(), 2);
    jdbi = new JdbiTasks(server.url(), 2);
  }

  @AfterAll
  static void stop() {
    jdbi.close();
    jooq.close();
    jdbc.close();
    server.close();
  }

  @AfterEach
  void restore() {
    data.restore(TASKS);
  }

  @Test
  void readsReturnTheBaselinesRows() throws SQLException {
    for (long id : new long[] {1, 2, 77, TASKS}) {
      TaskRead expected = jdbc.findById(id).orElseThrow();
      TaskRecord viaJooq = jooq.findById(id).orElseThrow();
      JdbiTasks.Task viaJdbi = jdbi.findById(id).orElseThrow();
      assertThat(viaJooq.getTitle()).isEqualTo(expected.title());
      assertThat(viaJooq.getCompleted()).isEqualTo(expected.completed());
      assertThat(viaJooq.getUserId()).isEqualTo(expected.userId().orElse(null));
      assertThat(viaJdbi.title()).isEqualTo(expected.title());
      assertThat(viaJdbi.priority()).isEqualTo(expected.priority().dbValue());
      assertThat(Optional.ofNullable(viaJdbi.dueDate())).isEqualTo(expected.dueDate());
      assertThat(viaJdbi.createdAt()).isEqualTo(expected.createdAt());
      assertThat(viaJdbi.updatedAt()).isEqualTo(expected.updatedAt());
      assertThat(viaJdbi.version()).isEqualTo(expected.version());
      assertThat(viaJooq.getUpdatedAt().toInstant()).isEqualTo(expected.updatedAt());
      assertThat(viaJooq.getVersion()).isEqualTo(expected.version());

      TaskWithUser joined = jdbc.findWithUser(id).orElseThrow();
      Record jooqJoined = jooq.findWithUser(id).orElseThrow();
      JoinRow jdbiJoined = jdbi.findWithUser(id).orElseThrow();
      String email = joined.user().orElseThrow().email();
      assertThat(jooqJoined.get(dev.taskstore.internal.jooq.Tables.USER.EMAIL)).isEqualTo(email);
      assertThat(jdbiJoined.get(JdbiTasks.User.class).email()).isEqualTo(email);
      assertThat(jdbiJoined.get(JdbiTasks.Task.class).id()).isEqualTo(id);
      assertThat(jdbiJoined.get(JdbiTasks.Task.class).version()).isEqualTo(joined.task().version());
    }
    assertThat(jooq.findById(TASKS + 1)).isEmpty();
    assertThat(jdbi.findById(TASKS + 1)).isEmpty();
    assertThat(jooq.countCompleted()).isEqualTo(jdbc.countCompleted()).isPositive();
    assertThat(jdbi.countCompleted()).isEqualTo(jdbc.countCompleted());
  }

  @Test
  void pagesWalkTheSameKeys() throws SQLException {
    List<Long> expected = jdbc.page(40, 50).items().stream().map(TaskRead::id).toList();
    assertThat(jooq.page(40, 50).map(TaskRecord::getId)).isEqualTo(expected);
    assertThat(jdbi.page(40, 50).stream().map(JdbiTasks.Task::id).toList()).isEqualTo(expected);
  }

  @Test
  void writesChangeTheRowsTheySay() throws SQLException {
    TaskRecord inserted = jooq.insert("via jOOQ", 3);
    JdbiTasks.Task insertedJdbi = jdbi.insert("via JDBI", 4);
    assertThat(jdbc.findById(inserted.getId()).orElseThrow().title()).isEqualTo("via jOOQ");
    assertThat(inserted.getCreatedAt()).isNotNull();
    assertThat(jdbc.findById(insertedJdbi.id()).orElseThrow().userId()).contains(4L);
    assertThat(insertedJdbi.createdAt()).isNotNull();

    assertThat(jooq.updateTitle(5, "renamed by jOOQ").getTitle()).isEqualTo("renamed by jOOQ");
    JdbiTasks.Task renamed = jdbi.updateTitle(6, "renamed by JDBI");
    assertThat(renamed.title()).isEqualTo("renamed by JDBI");
    assertThat(renamed.version()).isEqualTo(jdbc.findById(6).orElseThrow().version()).isGreaterThan(1);
    assertThat(jdbc.findById(5).orElseThrow().title()).isEqualTo("renamed by jOOQ");
    assertThat(jdbc.findById(6).orElseThrow().title()).isEqualTo("renamed by JDBI");

    assertThat(jooq.delete(inserted.getId())).isTrue();
    assertThat(jdbi.delete(insertedJdbi.id())).isTrue();
    assertThat(jooq.delete(inserted.getId())).isFalse();
    assertThat(jdbc.findById(insertedJdbi.id())).isEmpty();
  }

  @Test
  void bulkInsertsStoreEveryRowAndReturnTheIdsInOrder() throws SQLException {
    List<TaskBase> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 2_345; i++) {
      rows.add(new TaskBase("bulk " + i, i % 2 == 0 ? Optional.of("d" + i) : Optional.empty(), Priority.HIGH,
          i % 3 == 0, i % 4 == 0 ? Optional.empty() : Optional.of(Instant.parse("2031-01-01T00:00:00Z")),
          Optional.of(1L + i % 10)));
    }
    for (List<Long> ids : List.of(jooq.insertAll(rows), jdbi.insertAll(rows))) {
      assertThat(ids).hasSize(rows.size()).isSorted().doesNotHaveDuplicates();
      TaskRead last = jdbc.findById(ids.get(ids.size() - 1)).orElseThrow();
      assertThat(last.title()).isEqualTo("bulk 2344");
      TaskRead second = jdbc.findById(ids.get(1)).orElseThrow();
      assertThat(second.dueDate()).contains(Instant.parse("2031-01-01T00:00:00Z"));
      assertThat(second.description()).isEmpty();
      assertThat(second.completed()).isFalse();
      TaskRead first = jdbc.findById(ids.get(0)).orElseThrow();
      assertThat(first.description()).contains("d0");
      assertThat(first.dueDate()).isEmpty();
    }
  }
}
