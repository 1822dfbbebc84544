package dev.taskstore.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's data, set up with plain SQL on the server side (fast, and not what is measured): 1,000 users
 * and N tasks with ids exactly 1..N, half of them completed, each owned by a user. Benchmarks that write put
 * the table back with {@link #restore} so that every benchmark starts from the same N rows.
 */
final class Dataset {

  /** Users in every run. */
  static final int USERS = 1_000;

  private final String url;

  Dataset(String url) {
    this.url = url;
  }

  /** Inserts the users and tasks 1..tasks into empty tables. */
  void seed(long tasks) {
    run(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO \"user\" (id, email, created_at) SELECT g, 'user' || g || '@example.org', "
            + "timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, " + USERS + ") g");
        s.execute("SELECT setval(pg_get_serial_sequence('\"user\"', 'id'), " + USERS + ")");
      }
      insertTasks(c, 1, tasks);
    });
    settle();
  }

  /** Adds tasks until ids 1..tasks exist. */
  void grow(long from, long tasks) {
    run(c -> insertTasks(c, from + 1, tasks));
    settle();
  }

  /**
   * Deletes every task above id {@code tasks} (what insert benchmarks added), resets the id sequence, and
   * vacuums and checkpoints so that the dead rows and dirty pages of one benchmark do not slow the next.
   */
  void restore(long tasks) {
    run(c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM task WHERE id > ?")) {
        p.setLong(1, tasks);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("SELECT setval(pg_get_serial_sequence('task', 'id'), ?)")) {
        p.setLong(1, tasks);
        p.executeQuery().close();
      }
    });
    settle();
    check(tasks);
  }

  /** Fails unless the table holds exactly the tasks 1..tasks, half of them completed. */
  void check(long tasks) {
    run(c -> {
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE completed), coalesce(max(id), 0), "
               + "count(*) FILTER (WHERE user_id IS NULL) FROM task")) {
        rs.next();
        if (rs.getLong(1) != tasks || rs.getLong(3) != tasks || rs.getLong(2) != tasks / 2 || rs.getLong(4) != 0) {
          throw new IllegalStateException("task table is not in its seeded state: count=" + rs.getLong(1)
              + ", completed=" + rs.getLong(2) + ", max(id)=" + rs.getLong(3) + ", expected " + tasks);
        }
      }
    });
  }

  /** What V2 added to the task table that a row's insert or update may pay for (by name; V2 itself is fixed). */
  static final Set<String> V2_OBJECTS = Set.of("task_touch", "task_idempotency_key", "task_version_check",
      "task_idempotency_key_check");

  /**
   * V5's triggers that keep the counters on insert, update and delete. Dropped for a measurement only: the rows a
   * benchmark adds and the restore deletes are then both uncounted, so the counters stay exact.
   */
  static final Set<String> COUNTER_TRIGGERS = Set.of("task_count_insert", "task_count_update", "task_count_delete",
      "task_count_update_compact");

  /** The task table's objects restored by {@link #close()}. */
  interface Stripped extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Drops the task table's objects that {@code schema} leaves out (see {@link Operation.Schema}), read from the
   * catalog with the statements that recreate them; closing the result recreates them (constraints validated
   * again) and checks the data set. Nothing is dropped for {@link Operation.Schema#FULL}.
   */
  Stripped strip(Operation.Schema schema, long tasks) {
    if (schema == Operation.Schema.FULL) {
      return () -> { };
    }
    List<String> recreate = new ArrayList<>();
    run(c -> {
      List<String[]> constraints = rows(c, "SELECT conname, 'ALTER TABLE task ADD CONSTRAINT ' || quote_ident(conname) "
          + "|| ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'task'::regclass "
          + "AND contype IN ('c', 'f') ORDER BY conname");
      List<String[]> indexes = rows(c, "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
          + "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'task'::regclass AND NOT x.indisprimary "
          + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) ORDER BY i.relname");
      List<String[]> triggers = rows(c, "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger "
          + "WHERE tgrelid = 'task'::regclass AND NOT tgisinternal ORDER BY tgname");
      try (Statement s = c.createStatement()) {
        for (String[] t : selected(triggers, schema)) {
          s.execute("DROP TRIGGER " + quote(c, t[0]) + " ON task");
          recreate.add(t[1]);
        }
        for (String[] i : selected(indexes, schema)) {
          s.execute("DROP INDEX " + quote(c, i[0]));
          recreate.add(i[1]);
        }
        for (String[] k : selected(constraints, schema)) {
          s.execute("ALTER TABLE task DROP CONSTRAINT " + quote(c, k[0]));
          recreate.add(k[1]);
        }
      }
    });
    settle();
    return () -> {
      run(c -> {
        try (Statement s = c.createStatement()) {
          for (int i = recreate.size() - 1; i >= 0; i--) {
            s.execute(recreate.get(i));
          }
        }
      });
      settle();
      check(tasks);
      if (schema == Operation.Schema.WITHOUT_COUNTERS) {
        checkCounters();
      }
    };
  }

  /** Fails unless V5's counters hold exactly the rows of the task table, per priority and completed. */
  void checkCounters() {
    run(c -> {
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("WITH rows AS (SELECT priority::text, completed, count(*)::numeric AS n "
               + "FROM task GROUP BY 1, 2), counted AS (SELECT priority, completed, sum(n) AS n FROM task_count "
               + "GROUP BY 1, 2 HAVING sum(n) <> 0) SELECT count(*) FROM ((TABLE rows EXCEPT TABLE counted) "
               + "UNION ALL (TABLE counted EXCEPT TABLE rows)) AS differing")) {
        rs.next();
        if (rs.getLong(1) != 0) {
          throw new IllegalStateException("the counters differ from the task table in " + rs.getLong(1)
              + " (priority, completed) groups after a measurement without their triggers");
        }
      }
    });
  }

  private static List<String[]> selected(List<String[]> objects, Operation.Schema schema) {
    return objects.stream().filter(o -> switch (schema) {
      case FULL -> false;
      case PRIMARY_KEY_ONLY -> true;
      case WITHOUT_V2 -> V2_OBJECTS.contains(o[0]);
      case WITHOUT_COUNTERS -> COUNTER_TRIGGERS.contains(o[0]);
    }).toList();
  }

  private static List<String[]> rows(Connection c, String sql) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return rows;
  }

  private static String quote(Connection c, String name) throws SQLException {
    return c.unwrap(org.postgresql.PGConnection.class).escapeIdentifier(name);
  }

  /**
   * Folds the task counters into one row per group, vacuums, analyzes, checkpoints and writes dirty pages out:
   * every fork starts from the same state. Without the fold, the counter tables kept what the forks before had
   * left (the restore's DELETE alone adds a row per group it touched, and the compactions during a fork leave dead
   * rows), and a write fork's compactions, which read those tables, cost more or less depending on where it came
   * in the run.
   */
  void settle() {
    run(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT task_count_compact()");
        s.execute("VACUUM (ANALYZE) task, task_count, task_count_by_user, \"user\"");
        s.execute("CHECKPOINT");
      }
    });
    flushToDisk();
  }

  /**
   * Writes the machine's dirty pages out now ({@code sync}). The server runs with {@code fsync=off}, so what a
   * seed, a fork or a checkpoint wrote sits in the page cache until the kernel's flusher threads write it, on
   * whichever CPU they run, during whichever fork comes next; a fork started after this pays for none of it.
   */
  private static void flushToDisk() {
    try {
      new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
          .waitFor();
    } catch (IOException e) {
      // no sync command: the flusher threads do it, as before
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server's version string. */
  String serverVersion() {
    return query(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  /** The server settings that matter to these figures, name to value with unit. */
  Map<String, String> settings() {
    return query(c -> {
      Map<String, String> settings = new LinkedHashMap<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT name, current_setting(name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', "
              + "'fsync', 'synchronous_commit', 'wal_level', 'max_wal_size', 'checkpoint_timeout', "
              + "'max_connections', 'jit', 'autovacuum') ORDER BY name")) {
        while (rs.next()) {
          settings.put(rs.getString(1), rs.getString(2));
        }
      }
      return settings;
    });
  }

  /**
   * Inserts {@code count} throw-away tasks (ids above the seeded ones) with consecutive ids from the identity
   * sequence, and returns the first id, for benchmarks that consume rows. Fails if another session took ids
   * from the sequence at the same time, which would leave gaps in the range.
   */
  static long insertScratchRange(Connection c, int count) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("WITH added AS (INSERT INTO task (title, priority, completed, "
        + "user_id) SELECT 'scratch ' || g, 'medium', false, 1 + g % " + USERS + " FROM generate_series(1, ?) g "
        + "RETURNING id) SELECT min(id), max(id), count(*) FROM added")) {
      p.setInt(1, count);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        long first = rs.getLong(1);
        if (rs.getLong(3) != count || rs.getLong(2) - first + 1 != count) {
          throw new IllegalStateException("scratch rows did not get consecutive ids: " + rs.getLong(3)
              + " rows, ids " + first + ".." + rs.getLong(2));
        }
        return first;
      }
    }
  }

  /** The number of tasks above id {@code tasks}. */
  static long countAbove(Connection c, long tasks) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM task WHERE id > ?")) {
      p.setLong(1, tasks);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Deletes every task above id {@code tasks}. */
  static void deleteAbove(Connection c, long tasks) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM task WHERE id > ?")) {
      p.setLong(1, tasks);
      p.executeUpdate();
    }
  }

  private static void insertTasks(Connection c, long from, long to) throws SQLException {
    // Half completed (even ids), every task owned by a user, a quarter without a due date; created_at grows
    // with the id, like rows inserted over time.
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO task (id, title, description, priority, completed, due_date, created_at, user_id) "
            + "SELECT g, 'Task number ' || g, 'The description of task number ' || g, "
            + "(ARRAY['low', 'medium', 'high'])[1 + g % 3], g % 2 = 0, "
            + "CASE WHEN g % 4 = 0 THEN NULL ELSE timestamptz '2030-01-01' + g * interval '1 minute' END, "
            + "timestamptz '2025-01-01' + g * interval '1 second', 1 + g % " + USERS + " "
            + "FROM generate_series(?, ?) g")) {
      p.setLong(1, from);
      p.setLong(2, to);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("SELECT setval(pg_get_serial_sequence('task', 'id'), ?)")) {
      p.setLong(1, to);
      p.executeQuery().close();
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private interface Query<T> {
    T run(Connection c) throws SQLException;
  }

  private void run(Work work) {
    query(c -> {
      work.run(c);
      return null;
    });
  }

  private <T> T query(Query<T> query) {
    try (Connection c = DriverManager.getConnection(url)) {
      return query.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("benchmark data set-up failed: " + e.getMessage(), e);
    }
  }
}
