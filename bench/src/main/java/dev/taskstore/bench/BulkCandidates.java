package dev.taskstore.bench;

import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TaskUpdate;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Issue 19 (items 2 and 4), measured in one run on one embedded PostgreSQL: the candidate ways of loading
 * 10,000 and 1,000,000 tasks with ids back, in rounds that rotate their order; what each index, CHECK, foreign
 * key and trigger costs a row (dropped inside a transaction that is rolled back); and what the counters of
 * schema V5 cost writes and save counts. Prints medians and spreads (min–max) in milliseconds; the findings
 * are in bench/README.md, "What we found".
 *
 * <pre>{@code
 * ./mvnw -q -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx4g -cp bench/target/classes:$(cat bench/target/cp.txt) dev.taskstore.bench.BulkCandidates
 * }</pre>
 *
 * <p>System properties: {@code bulk.sizes} (default 10000,1000000), {@code bulk.rounds} (rounds at 10,000; at
 * the larger sizes {@code bulk.largeRounds}, default 3), {@code bulk.only} (candidate names), {@code bulk.parts}
 * (bulk,costs,counters).
 */
public final class BulkCandidates {

  private static final long SEEDED = 10_000;
  private static final String SEQ = "pg_get_serial_sequence('task', 'id')";
  private static final String COLS = "title, description, priority, completed, due_date, user_id";

  private final String url;
  private final Dataset data;
  private final JdbcTasks jdbc;
  private final TaskStore store;

  private BulkCandidates(String url) {
    this.url = url;
    this.data = new Dataset(url);
    this.jdbc = new JdbcTasks(url, 2);
    this.store = TaskStore.open(TaskStoreConfig.builder().url(url).minimumIdle(2).maximumPoolSize(2).build());
  }

  /** One way of loading the tasks; returns their ids in input order. */
  @FunctionalInterface
  interface Loader {
    List<Long> load(List<TaskBase> tasks) throws SQLException;
  }

  public static void main(String[] args) throws Exception {
    Set<String> parts = Set.of(System.getProperty("bulk.parts", "bulk,costs,counters").split(","));
    try (EmbeddedDatabase server = EmbeddedDatabase.start()) {
      try (TaskStore s = TaskStore.open(TaskStoreConfig.builder().url(server.jdbcUrl()).migrateOnOpen(true).build())) {
        log("migrated");
      }
      BulkCandidates b = new BulkCandidates(server.jdbcUrl());
      b.data.seed(SEEDED);
      try {
        if (parts.contains("bulk")) {
          b.bulk();
        }
        if (parts.contains("costs")) {
          b.constraintCosts();
        }
        if (parts.contains("counters")) {
          b.counters();
        }
      } finally {
        b.store.close();
        b.jdbc.close();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- bulk loads

  private Map<String, Loader> loaders() {
    Map<String, Loader> l = new LinkedHashMap<>();
    l.put("taskstore", tasks -> store.tasks().createAll(tasks));
    l.put("jdbc-multirow", jdbc::insertAllMultiRow);
    l.put("jdbc-copy", jdbc::insertAllCopy);
    l.put("jdbc-executeBatch", this::executeBatch);
    l.put("unnest-10k", tasks -> unnest(tasks, 10_000));
    l.put("unnest-1k", tasks -> unnest(tasks, 1_000));
    l.put("unnest-ids-first-pipelined", this::unnestPipelined);
    l.put("copy-temp-insert-select", this::copyTemp);
    l.put("server-only", tasks -> {
      jdbc.insertServerSide(tasks.size());
      return null;
    });
    String only = System.getProperty("bulk.only", "");
    if (!only.isBlank()) {
      l.keySet().retainAll(Set.of(only.split(",")));
    }
    return l;
  }

  private void bulk() throws SQLException {
    Map<String, Loader> loaders = loaders();
    int rounds10k = Integer.getInteger("bulk.rounds", 7);
    for (String sizeText : System.getProperty("bulk.sizes", "10000,1000000").split(",")) {
      int size = Integer.parseInt(sizeText.strip());
      int rounds = size <= 10_000 ? rounds10k : Integer.getInteger("bulk.largeRounds", 3);
      List<TaskBase> tasks = tasks(size);
      Map<String, List<Double>> ms = new LinkedHashMap<>();
      loaders.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
      List<String> names = new ArrayList<>(loaders.keySet());
      // Round 0 warms every path up; the larger sizes run after the 10,000-row rounds, warm already.
      for (int round = size <= 10_000 ? 0 : 1; round < rounds + 1; round++) {
        for (int k = 0; k < names.size(); k++) {
          String name = names.get((k + round) % names.size());
          reset();
          long t0 = System.nanoTime();
          List<Long> ids = loaders.get(name).load(tasks);
          double took = (System.nanoTime() - t0) / 1e6;
          verify(name, tasks, ids);
          if (round > 0) { // round 0 warms every path up
            ms.get(name).add(took);
          }
          log("%-28s %,9d rows: %,10.1f ms%s", name, size, took, round == 0 ? " (warm-up)" : "");
        }
      }
      System.out.printf(Locale.ROOT, "%n| %,d rows, %d rounds | median ms | min–max ms | rows/s (median) |%n", size,
          rounds);
      System.out.println("|---|--:|--:|--:|");
      for (var e : ms.entrySet()) {
        double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = median(v);
        System.out.printf(Locale.ROOT, "| %s | %,.1f | %,.1f–%,.1f | %,.0f |%n", e.getKey(), median, v[0],
            v[v.length - 1], size / median * 1000);
      }
      System.out.println();
    }
    reset();
  }

  /** The table back to its seeded 10,000 rows, vacuumed, analyzed and checkpointed (untimed). */
  private void reset() throws SQLException {
    try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE task RESTART IDENTITY");
    }
    data.grow(0, SEEDED);
  }

  /** The ids are new, distinct, in input order and name the rows that were given. */
  private void verify(String name, List<TaskBase> tasks, List<Long> ids) throws SQLException {
    try (Connection c = jdbc.connection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*), min(id), max(id) FROM task WHERE id > " + SEEDED)) {
      rs.next();
      if (rs.getLong(1) != tasks.size()) {
        throw new IllegalStateException(name + " inserted " + rs.getLong(1) + " rows, not " + tasks.size());
      }
    }
    if (ids == null) {
      return;
    }
    if (ids.size() != tasks.size()) {
      throw new IllegalStateException(name + " returned " + ids.size() + " ids");
    }
    for (int i = 1; i < ids.size(); i++) {
      if (ids.get(i) <= ids.get(i - 1)) {
        throw new IllegalStateException(name + ": ids not ascending at " + i);
      }
    }
    // Spot checks: the row of the k-th id has the k-th title.
    try (Connection c = jdbc.connection(); PreparedStatement p = c.prepareStatement("SELECT title FROM task WHERE id = ?")) {
      for (int i : new int[] {0, tasks.size() / 3, tasks.size() - 1}) {
        p.setLong(1, ids.get(i));
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next() || !rs.getString(1).equals(tasks.get(i).title())) {
            throw new IllegalStateException(name + ": id " + ids.get(i) + " is not task " + i);
          }
        }
      }
    }
  }

  static List<TaskBase> tasks(int n) {
    List<TaskBase> tasks = new ArrayList<>(n);
    Priority[] priorities = Priority.values();
    Instant due = Instant.parse("2030-06-01T12:00:00Z");
    for (int i = 0; i < n; i++) {
      tasks.add(new TaskBase("Bulk task " + i, i % 2 == 0 ? Optional.of("Imported description " + i) : Optional.empty(),
          priorities[i % 3], i % 2 == 0, i % 4 == 0 ? Optional.empty() : Optional.of(due.plusSeconds(i)),
          Optional.of(1 + (long) (i % Dataset.USERS))));
    }
    return tasks;
  }

  /**
   * JDBC's batch, the way it runs fast: ids taken first from the identity sequence (one round trip), then one
   * INSERT per row with its id, which the driver rewrites into multi-row statements (reWriteBatchedInserts).
   * (With {@code RETURN_GENERATED_KEYS} instead, pgjdbc does not rewrite: 2.1–2.7 s for 10,000 rows here.)
   */
  private List<Long> executeBatch(List<TaskBase> tasks) throws SQLException {
    return inTransaction(c -> {
      List<Long> ids = new ArrayList<>(tasks.size());
      try (PreparedStatement p = c.prepareStatement("SELECT nextval(" + SEQ + ") FROM generate_series(1, ?)")) {
        p.setInt(1, tasks.size());
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO task (id, " + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int from = 0; from < tasks.size(); from += 10_000) {
          for (int i = from; i < Math.min(tasks.size(), from + 10_000); i++) {
            TaskBase t = tasks.get(i);
            p.setLong(1, ids.get(i));
            p.setString(2, t.title());
            p.setString(3, t.description().orElse(null));
            p.setString(4, t.priority().dbValue());
            p.setBoolean(5, t.completed());
            p.setObject(6, t.dueDate().map(d -> d.atOffset(ZoneOffset.UTC)).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
            p.setLong(7, t.userId().orElseThrow());
            p.addBatch();
          }
          p.executeBatch();
        }
      }
      return ids;
    });
  }

  private static final String UNNEST = "INSERT INTO task (" + COLS + ", idempotency_key, idempotency_fingerprint) "
      + "SELECT " + COLS + ", k, f FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[], "
      + "?::bigint[], ?::text[], ?::bytea[]) WITH ORDINALITY AS r(" + COLS + ", k, f, ord) ORDER BY ord RETURNING id";

  /** One statement shape for any size: arrays of each column, unnested in order, chunks of {@code chunk}. */
  private List<Long> unnest(List<TaskBase> tasks, int chunk) throws SQLException {
    return inTransaction(c -> {
      long[] ids = new long[tasks.size()];
      int n = 0;
      try (PreparedStatement p = c.prepareStatement(UNNEST)) {
        for (int from = 0; from < tasks.size(); from += chunk) {
          bindArrays(c, p, 1, tasks.subList(from, Math.min(tasks.size(), from + chunk)));
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              ids[n++] = rs.getLong(1);
            }
          }
        }
      }
      Arrays.sort(ids); // identity values are taken in ORDER BY ord order: ascending is input order
      return Arrays.stream(ids).boxed().toList();
    });
  }

  private static int bindArrays(Connection c, PreparedStatement p, int first, List<TaskBase> tasks)
      throws SQLException {
    int n = tasks.size();
    String[] title = new String[n];
    String[] description = new String[n];
    String[] priority = new String[n];
    Boolean[] completed = new Boolean[n];
    String[] due = new String[n];
    Long[] user = new Long[n];
    String[] key = new String[n];
    byte[][] fingerprint = new byte[n][];
    for (int i = 0; i < n; i++) {
      TaskBase t = tasks.get(i);
      title[i] = t.title();
      description[i] = t.description().orElse(null);
      priority[i] = t.priority().dbValue();
      completed[i] = t.completed();
      due[i] = t.dueDate().map(DateTimeFormatter.ISO_INSTANT::format).orElse(null);
      user[i] = t.userId().orElse(null);
      key[i] = t.idempotencyKey().orElse(null);
    }
    int i = first;
    p.setArray(i++, c.createArrayOf("text", title));
    p.setArray(i++, c.createArrayOf("text", description));
    p.setArray(i++, c.createArrayOf("text", priority));
    p.setArray(i++, c.createArrayOf("bool", completed));
    p.setArray(i++, c.createArrayOf("text", due));
    p.setArray(i++, c.createArrayOf("int8", user));
    p.setArray(i++, c.createArrayOf("text", key));
    p.setArray(i++, c.createArrayOf("bytea", fingerprint));
    return i;
  }

  /** Ids taken first in one round trip, then every chunk of unnested arrays in one pipelined JDBC batch. */
  private List<Long> unnestPipelined(List<TaskBase> tasks) throws SQLException {
    return inTransaction(c -> {
      List<Long> ids = new ArrayList<>(tasks.size());
      try (PreparedStatement p = c.prepareStatement("SELECT nextval(" + SEQ + ") FROM generate_series(1, ?)")) {
        p.setInt(1, tasks.size());
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO task (id, " + COLS + ", idempotency_key, "
          + "idempotency_fingerprint) SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], "
          + "?::boolean[], ?::timestamptz[], ?::bigint[], ?::text[], ?::bytea[])")) {
        for (int from = 0; from < tasks.size(); from += 10_000) {
          int to = Math.min(tasks.size(), from + 10_000);
          p.setArray(1, c.createArrayOf("int8", ids.subList(from, to).toArray()));
          bindArrays(c, p, 2, tasks.subList(from, to));
          p.addBatch();
        }
        p.executeBatch();
      }
      return ids;
    });
  }

  /** COPY (text) into a session's temporary table, then one INSERT … SELECT … ORDER BY ord RETURNING id. */
  private List<Long> copyTemp(List<TaskBase> tasks) throws SQLException {
    return inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_in (ord int, title text, description text, priority text, "
            + "completed boolean, due_date timestamptz, user_id bigint) ON COMMIT DELETE ROWS");
      }
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bulk_in FROM STDIN");
      try {
        StringBuilder sb = new StringBuilder(64 * 1024);
        for (int i = 0; i < tasks.size(); i++) {
          TaskBase t = tasks.get(i);
          sb.append(i).append('\t').append(t.title()).append('\t')
              .append(t.description().orElse("\\N")).append('\t').append(t.priority().dbValue()).append('\t')
              .append(t.completed() ? 't' : 'f').append('\t')
              .append(t.dueDate().map(DateTimeFormatter.ISO_INSTANT::format).orElse("\\N")).append('\t')
              .append(t.userId().get().longValue()).append('\n');
          if (sb.length() > 60 * 1024) {
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(b, 0, b.length);
            sb.setLength(0);
          }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(b, 0, b.length);
        copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
      long[] ids = new long[tasks.size()];
      int n = 0;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("INSERT INTO task (" + COLS + ") SELECT "
          + COLS + " FROM bulk_in ORDER BY ord RETURNING id")) {
        while (rs.next()) {
          ids[n++] = rs.getLong(1);
        }
      }
      Arrays.sort(ids);
      return Arrays.stream(ids).boxed().toList();
    });
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection c = jdbc.connection()) {
      c.setAutoCommit(false);
      try {
        T t = work.run(c);
        c.commit();
        return t;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  // ------------------------------------------------------------------------- per index and constraint costs

  /**
   * The server-side load of {@code bulk.costRows} generated rows (no client at all) with the whole schema, with
   * each index, CHECK, foreign key and trigger dropped in turn, and with all of them dropped; each load inside a
   * transaction that drops, loads and rolls back, so the schema is never changed. Rounds rotate the order.
   */
  private void constraintCosts() throws SQLException {
    int rows = Integer.getInteger("bulk.costRows", 100_000);
    Map<String, String> drops = new LinkedHashMap<>();
    drops.put("(whole schema)", "");
    drops.put("task_pkey", "ALTER TABLE task DROP CONSTRAINT task_pkey");
    drops.put("task_user_id_idx", "DROP INDEX task_user_id_idx");
    drops.put("task_completed_idx", "DROP INDEX task_completed_idx");
    drops.put("task_created_at_id_idx", "DROP INDEX task_created_at_id_idx");
    drops.put("task_due_date_id_idx", "DROP INDEX task_due_date_id_idx");
    drops.put("task_idempotency_key (partial)", "DROP INDEX task_idempotency_key");
    drops.put("task_search_idx (GIN, V3)", "DROP INDEX task_search_idx");
    drops.put("task_user_id_fkey", "ALTER TABLE task DROP CONSTRAINT task_user_id_fkey");
    drops.put("task_title_check", "ALTER TABLE task DROP CONSTRAINT task_title_check");
    drops.put("task_description_check", "ALTER TABLE task DROP CONSTRAINT task_description_check");
    drops.put("task_priority_check", "ALTER TABLE task DROP CONSTRAINT task_priority_check");
    drops.put("task_version_check", "ALTER TABLE task DROP CONSTRAINT task_version_check");
    drops.put("task_idempotency_key_check", "ALTER TABLE task DROP CONSTRAINT task_idempotency_key_check");
    drops.put("counter triggers (V5)", "DROP TRIGGER task_count_insert ON task");
    drops.put("all of the above", String.join("; ", drops.values().stream().filter(s -> !s.isEmpty()).toList()));
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    drops.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
    List<String> names = new ArrayList<>(drops.keySet());
    int rounds = Integer.getInteger("bulk.costRounds", 5);
    String insert = "INSERT INTO task (" + COLS + ") SELECT 'Bulk task ' || g, CASE WHEN g % 2 = 0 THEN "
        + "'Imported description ' || g END, (ARRAY['low', 'medium', 'high'])[1 + g % 3], g % 2 = 0, CASE WHEN "
        + "g % 4 = 0 THEN NULL ELSE timestamptz '2030-06-01 12:00Z' + g * interval '1 second' END, 1 + g % 1000 "
        + "FROM generate_series(0, " + (rows - 1) + ") g";
    try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
      for (int round = 0; round < rounds + 1; round++) {
        for (int k = 0; k < names.size(); k++) {
          String name = names.get((k + round) % names.size());
          c.setAutoCommit(false);
          if (!drops.get(name).isEmpty()) {
            s.execute(drops.get(name));
          }
          long t0 = System.nanoTime();
          s.execute(insert);
          double took = (System.nanoTime() - t0) / 1e6;
          c.rollback();
          c.setAutoCommit(true);
          s.execute("VACUUM task");
          if (round > 0) {
            ms.get(name).add(took);
          }
        }
        log("cost round %d done", round);
      }
    }
    double whole = median(sorted(ms.get("(whole schema)")));
    System.out.printf(Locale.ROOT, "%n| server-side load of %,d rows, %d rounds, dropped | median ms | min–max ms "
        + "| µs per row saved (median) |%n|---|--:|--:|--:|%n", rows, rounds);
    for (var e : ms.entrySet()) {
      double[] v = sorted(e.getValue());
      System.out.printf(Locale.ROOT, "| %s | %,.1f | %,.1f–%,.1f | %.2f |%n", e.getKey(), median(v), v[0],
          v[v.length - 1], (whole - median(v)) * 1000 / rows);
    }
    System.out.println();
  }

  // ------------------------------------------------------------------------------------------------ counters

  /**
   * What the counters cost writes (single-row insert, update of completed, update of the title, delete, a bulk
   * load of 10,000) with and without the V5 triggers, alternating, and what counts cost at 10,000 and 1,000,000
   * tasks from the counters and from the rows.
   */
  private void counters() throws SQLException {
    int rounds = Integer.getInteger("bulk.counterRounds", 5);
    int ops = Integer.getInteger("bulk.counterOps", 2000);
    String[] variants = {"with counters", "without counters"};
    Map<String, List<Double>> us = new LinkedHashMap<>();
    String[] kinds = {"insert-one", "update-completed", "update-title", "delete-one", "createAll 10,000 (per row)"};
    for (String k : kinds) {
      for (String v : variants) {
        us.put(k + " / " + v, new ArrayList<>());
      }
    }
    List<TaskBase> bulk = tasks(10_000);
    for (int round = 0; round < rounds + 1; round++) {
      for (int vi = 0; vi < 2; vi++) {
        String v = variants[(vi + round) % 2];
        reset();
        setTriggers(!v.equals("with counters"));
        try {
          double[] took = new double[kinds.length];
          long[] ids = new long[ops];
          long t0 = System.nanoTime();
          for (int i = 0; i < ops; i++) {
            ids[i] = store.tasks().create(TaskBase.builder("one " + i).userId(1L + i % 1000).build()).id();
          }
          took[0] = (System.nanoTime() - t0) / 1e3 / ops;
          t0 = System.nanoTime();
          for (int i = 0; i < ops; i++) {
            store.tasks().update(1 + i, TaskUpdate.builder().completed(i % 2 == 0).build());
          }
          took[1] = (System.nanoTime() - t0) / 1e3 / ops;
          t0 = System.nanoTime();
          for (int i = 0; i < ops; i++) {
            store.tasks().update(1 + i, TaskUpdate.builder().title("t" + i).build());
          }
          took[2] = (System.nanoTime() - t0) / 1e3 / ops;
          t0 = System.nanoTime();
          for (long id : ids) {
            store.tasks().delete(id);
          }
          took[3] = (System.nanoTime() - t0) / 1e3 / ops;
          t0 = System.nanoTime();
          store.tasks().createAll(bulk);
          took[4] = (System.nanoTime() - t0) / 1e3 / bulk.size();
          if (round > 0) {
            for (int k = 0; k < kinds.length; k++) {
              us.get(kinds[k] + " / " + v).add(took[k]);
            }
          }
        } finally {
          setTriggers(false);
        }
      }
      log("counter round %d done", round);
    }
    System.out.printf(Locale.ROOT, "%n| write, %d rounds | median µs per row | min–max |%n|---|--:|--:|%n", rounds);
    for (var e : us.entrySet()) {
      double[] v = sorted(e.getValue());
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f–%.1f |%n", e.getKey(), median(v), v[0], v[v.length - 1]);
    }
    reset();
    counts(SEEDED, rounds);
    long large = Long.getLong("bulk.countLarge", 1_000_000);
    data.grow(SEEDED, large);
    counts(large, rounds);
  }

  private void setTriggers(boolean disabled) throws SQLException {
    try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
      for (String t : new String[] {"task_count_insert", "task_count_update", "task_count_delete"}) {
        s.execute("ALTER TABLE task " + (disabled ? "DISABLE" : "ENABLE") + " TRIGGER " + t);
      }
      if (!disabled) { // the counters missed the writes made without them: rebuild them for the next round
        s.execute("DELETE FROM task_count; DELETE FROM task_count_by_user; "
            + "INSERT INTO task_count_by_user SELECT user_id, priority, completed, count(*) FROM task GROUP BY 1, 2, 3; "
            + "INSERT INTO task_count SELECT priority, completed, count(*) FROM task GROUP BY 1, 2");
      }
    }
  }

  /** Calls per second of the counts, from the counters (taskstore) and from the rows (count(*)). */
  private void counts(long tasks, int rounds) throws SQLException {
    int calls = Integer.getInteger("bulk.countCalls", 500);
    // Counting rows at a million takes a fifth of a second: fewer calls for the row counts.
    int rowCalls = (int) Math.max(5, calls * SEEDED / tasks);
    Map<String, List<Double>> us = new LinkedHashMap<>();
    for (String k : new String[] {"count completed, counters", "count completed, count(*)",
        "countByPriority, counters", "countByPriority, group by", "count completed of a user, counters"}) {
      us.put(k, new ArrayList<>());
    }
    TaskFilter completed = TaskFilter.completed(true);
    TaskFilter ofUser = TaskFilter.builder().completed(true).userId(7L).build();
    long expected = tasks / 2;
    try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
      for (int round = 0; round < rounds + 1; round++) {
        double[] took = new double[5];
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          check(store.tasks().count(completed), expected);
        }
        took[0] = (System.nanoTime() - t0) / 1e3 / calls;
        t0 = System.nanoTime();
        for (int i = 0; i < rowCalls; i++) {
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM task WHERE completed")) {
            rs.next();
            check(rs.getLong(1), expected);
          }
        }
        took[1] = (System.nanoTime() - t0) / 1e3 / rowCalls;
        t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          store.tasks().countByPriority(TaskFilter.all());
        }
        took[2] = (System.nanoTime() - t0) / 1e3 / calls;
        t0 = System.nanoTime();
        for (int i = 0; i < rowCalls; i++) {
          try (ResultSet rs = s.executeQuery("SELECT priority, count(*) FROM task GROUP BY priority")) {
            while (rs.next()) {
              rs.getLong(2);
            }
          }
        }
        took[3] = (System.nanoTime() - t0) / 1e3 / rowCalls;
        t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          store.tasks().count(ofUser);
        }
        took[4] = (System.nanoTime() - t0) / 1e3 / calls;
        if (round > 0) {
          int k = 0;
          for (List<Double> l : us.values()) {
            l.add(took[k++]);
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM task_count), "
          + "(SELECT count(*) FROM task_count_by_user)")) {
        rs.next();
        System.out.printf(Locale.ROOT, "%ncounter rows: task_count %d, task_count_by_user %d%n", rs.getLong(1),
            rs.getLong(2));
      }
      try (ResultSet rs = s.executeQuery("EXPLAIN SELECT sum(n) FROM task_count_by_user WHERE completed AND user_id = 7")) {
        while (rs.next()) {
          System.out.println("  " + rs.getString(1));
        }
      }
    }
    System.out.printf(Locale.ROOT, "| %,d tasks, %d rounds | median µs per call | min–max |%n|---|--:|--:|%n", tasks,
        rounds);
    for (var e : us.entrySet()) {
      double[] v = sorted(e.getValue());
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f–%.1f |%n", e.getKey(), median(v), v[0], v[v.length - 1]);
    }
  }

  private static void check(long got, long expected) {
    if (got != expected) {
      throw new IllegalStateException("count " + got + ", expected " + expected);
    }
  }

  private static double[] sorted(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double median(double[] v) {
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void log(String format, Object... args) {
    System.out.println("[bulk] " + String.format(Locale.ROOT, format, args));
  }
}
