package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.Page;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskSort;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's time zone, the session's and the JVM's default zone are all foreign and differ (the database
 * in America/New_York, the JVM in Europe/Berlin), around both zones' DST switches: due dates, creation times,
 * filters and keyset cursors deal in the same {@link Instant}s as in UTC. A row written with plain SQL and a
 * naive timestamp (no offset) is read as PostgreSQL stored it: in the writing session's zone, a time in the
 * spring-forward gap with the offset before the switch, an ambiguous one with the offset after it.
 */
@Tag("reliability")
class ForeignTimeZoneTest {

  private static final String DATABASE = "tz_probe";
  private static final String SERVER_ZONE = "America/New_York";
  private static final String JVM_ZONE = "Europe/Berlin";

  /** Instants around the switches: New York 2026-03-08 07:00Z and 2026-11-01 06:00Z, Berlin 2026-03-29 01:00Z. */
  private static final List<Instant> DUE = List.of(
      Instant.parse("2026-03-08T06:59:59.999999Z"), Instant.parse("2026-03-08T07:00:00Z"),
      Instant.parse("2026-03-08T07:30:00Z"), Instant.parse("2026-03-29T00:59:59.999999Z"),
      Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
      Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-01T06:30:00Z"));

  /**
   * Runs with the session zone pgjdbc gives by default (it sends the JVM's default zone when it connects, over
   * the database's setting) and with the server's zone set on the session by an application's pool.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void instantsRoundTripWhateverTheZonesOfTheServerSessionAndJvm(boolean sessionInServerZone) throws Exception {
    TimeZone jvmZone = TimeZone.getDefault();
    String url = TestDatabase.createDatabase(DATABASE);
    TestDatabase.execute(url, "ALTER DATABASE " + DATABASE + " SET TimeZone = '" + SERVER_ZONE + "'");
    TimeZone.setDefault(TimeZone.getTimeZone(JVM_ZONE));
    // pgjdbc sends the JVM's zone when it connects, which wins over the database's setting and over an
    // "options" parameter; an application's pool can set the session's zone after connecting.
    HikariDataSource hostPool = null;
    if (sessionInServerZone) {
      hostPool = new HikariDataSource();
      hostPool.setJdbcUrl(url);
      hostPool.setMaximumPoolSize(2);
      hostPool.setConnectionInitSql("SET TimeZone = '" + SERVER_ZONE + "'");
    }
    TaskStoreConfig config = sessionInServerZone ? TaskStoreConfig.builder().dataSource(hostPool).build()
        : TaskStoreConfig.builder().url(url).poolName("reliability-tz").minimumIdle(0).maximumPoolSize(2).build();
    try (HikariDataSource closeLast = hostPool; TaskStore store = TaskStore.open(config)) {
      store.migrate();
      String sessionZone = store.inTransaction(tx -> tx.jdbc(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW TimeZone")) {
          rs.next();
          return rs.getString(1);
        }
      }));
      assertThat(sessionZone).isEqualTo(sessionInServerZone ? SERVER_ZONE : JVM_ZONE);
      assertThat(TimeZone.getDefault().getID()).isEqualTo(JVM_ZONE);

      // Due dates, and created_at from the server's clock.
      Instant before = Instant.now().minusSeconds(1);
      Map<Instant, Long> idByDue = new TreeMap<>();
      for (Instant due : DUE) {
        TaskRead created = store.tasks().create(TaskBase.builder("due " + due).dueDate(due).build());
        assertThat(created.dueDate()).contains(due);
        assertThat(created.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
        TaskRead read = store.tasks().findById(created.id()).orElseThrow();
        assertThat(read.dueDate()).contains(due);
        assertThat(read.createdAt()).isEqualTo(created.createdAt());
        idByDue.put(due, created.id());
      }

      // Filters: the bounds are instants, whatever the zones.
      for (Instant bound : DUE) {
        List<Long> expectedBefore = new ArrayList<>();
        List<Long> expectedAfter = new ArrayList<>();
        idByDue.forEach((due, id) -> (due.isBefore(bound) ? expectedBefore : expectedAfter).add(id));
        assertThat(ids(store, TaskFilter.builder().dueBefore(bound).build())).as("due before %s", bound)
            .containsExactlyInAnyOrderElementsOf(expectedBefore);
        assertThat(ids(store, TaskFilter.builder().dueAfter(bound).build())).as("due at or after %s", bound)
            .containsExactlyInAnyOrderElementsOf(expectedAfter);
      }

      // Rows written with plain SQL, in a session in the server's zone (as psql's would be): creation times
      // across the switches with explicit offsets, and one row with naive timestamps.
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("SET TimeZone = '" + SERVER_ZONE + "'");
        s.execute("INSERT INTO task (title, created_at) VALUES "
            + "('c1', '2026-03-08 01:59:59.999999-05'), ('c2', '2026-03-08 03:00:00-04'), "
            + "('c3', '2026-11-01 01:30:00-04'), ('c4', '2026-11-01 01:30:00-05'), "
            + "('c5', '2026-03-29 02:30:00+02'), ('c6', '2026-03-29 01:30:00+01')");
        // 02:30 does not exist on 2026-03-08 in New York; 01:30 happens twice on 2026-11-01.
        s.execute("INSERT INTO task (title, created_at, due_date) VALUES "
            + "('naive', '2026-03-08 02:30:00', '2026-11-01 01:30:00')");
      }
      TaskRead naive = list(store, TaskQuery.builder().filter(TaskFilter.builder().titleContains("naive").build())
          .build()).get(0);
      // In the gap: the offset before the switch (EST, -05); ambiguous: the offset after it (EST, -05).
      assertThat(naive.createdAt()).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
      assertThat(naive.dueDate()).contains(Instant.parse("2026-11-01T06:30:00Z"));

      // Keyset cursors over creation times that cross both zones' switches, two rows a page.
      List<TaskRead> all = new ArrayList<>();
      Optional<String> cursor = Optional.empty();
      do {
        TaskQuery.Builder q = TaskQuery.builder().sort(TaskSort.CREATED_AT_ASC).limit(2);
        cursor.ifPresent(q::after);
        Page<TaskRead> page = store.tasks().list(q.build());
        all.addAll(page.items());
        cursor = page.nextCursor();
      } while (cursor.isPresent());
      List<Instant> created = all.stream().map(TaskRead::createdAt).toList();
      assertThat(all).hasSize(DUE.size() + 7);
      assertThat(created).isSorted();
      assertThat(all.stream().map(TaskRead::title).limit(7).toList())
          .containsExactly("c1", "c2", "naive", "c5", "c6", "c3", "c4");
      assertThat(created.subList(0, 7)).containsExactly(
          Instant.parse("2026-03-08T06:59:59.999999Z"), Instant.parse("2026-03-08T07:00:00Z"),
          Instant.parse("2026-03-08T07:30:00Z"), Instant.parse("2026-03-29T00:30:00Z"),
          Instant.parse("2026-03-29T00:30:00Z"),
          Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-01T06:30:00Z"));
      System.out.printf("[reliability] foreign time zones: database %s, session %s, JVM %s: %d due dates and "
          + "%d creation times across DST switches round-trip as the same instants, through filters and %d "
          + "pages of cursors; naive '2026-03-08 02:30' (gap) read as %s, '2026-11-01 01:30' (twice) as %s%n",
          SERVER_ZONE, sessionZone, JVM_ZONE, DUE.size(), all.size(), (all.size() + 1) / 2, naive.createdAt(),
          naive.dueDate().orElseThrow());
    } finally {
      TimeZone.setDefault(jvmZone);
      TestDatabase.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  private static List<Long> ids(TaskStore store, TaskFilter filter) {
    return list(store, TaskQuery.builder().filter(filter).limit(100).build()).stream().map(TaskRead::id).toList();
  }

  private static List<TaskRead> list(TaskStore store, TaskQuery query) {
    return store.tasks().list(query).items();
  }
}
