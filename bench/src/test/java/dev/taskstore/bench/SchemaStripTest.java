package dev.taskstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stripped schemas of the bulk-insert rows ({@link Dataset#strip}) against a real server: each drops exactly
 * what it says, and closing it puts back the task table's objects exactly as they were, so the rest of the run
 * measures the real schema.
 */
class SchemaStripTest {

  private static final long TASKS = 500;

  private static SeededServer server;
  private static Dataset data;

  @BeforeAll
  static void start() {
    server = SeededServer.start(TASKS);
    data = server.data();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void withoutV2DropsOnlyWhatV2AddedAndPutsItBack() throws SQLException {
    List<String> before = objects();
    assertThat(before).anyMatch(o -> o.startsWith("trigger task_touch"))
        .anyMatch(o -> o.startsWith("index task_idempotency_key"))
        .anyMatch(o -> o.startsWith("constraint task_version_check"))
        .anyMatch(o -> o.startsWith("constraint task_idempotency_key_check"));

    try (Dataset.Stripped stripped = data.strip(Operation.Schema.WITHOUT_V2, TASKS)) {
      List<String> v1 = new ArrayList<>(before);
      v1.removeIf(o -> Dataset.V2_OBJECTS.contains(name(o)));
      assertThat(v1).hasSize(before.size() - Dataset.V2_OBJECTS.size());
      assertThat(objects()).containsExactlyElementsOf(v1)
          .contains("constraint task_user_id_fkey FOREIGN KEY user_id REFERENCES \"user\"id ON DELETE SET NULL");
      // The trigger would make it 2 (the old version + 1) and the CHECK forbids 0: both are really gone.
      execute("UPDATE task SET version = 0 WHERE id = 1");
      assertThat(version(1)).isZero();
      execute("UPDATE task SET version = 1 WHERE id = 1");
    }
    assertThat(objects()).containsExactlyElementsOf(before);
    data.check(TASKS);
  }

  @Test
  void primaryKeyOnlyLeavesThePrimaryKeyAndPutsEverythingBack() throws SQLException {
    List<String> before = objects();
    try (Dataset.Stripped stripped = data.strip(Operation.Schema.PRIMARY_KEY_ONLY, TASKS)) {
      assertThat(objects()).containsExactly("index task_pkey CREATE UNIQUE INDEX task_pkey ON public.task USING btree id");
      // No foreign key: a task of a user that does not exist goes in.
      execute("INSERT INTO task (id, title, user_id) VALUES (" + (TASKS + 1) + ", 'orphan', 999999)");
      execute("DELETE FROM task WHERE id = " + (TASKS + 1));
    }
    assertThat(objects()).containsExactlyElementsOf(before);
    data.check(TASKS);
  }

  /**
   * The task table's indexes, CHECK and foreign-key constraints and triggers: kind, name, definition. A CHECK
   * recreated from its deparsed text deparses again with its ANDs grouped differently (the same expression), so
   * the definitions are compared without parentheses.
   */
  private static List<String> objects() throws SQLException {
    List<String> objects = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT 'index ' || i.relname || ' ' || pg_get_indexdef(i.oid) FROM pg_index x "
             + "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'task'::regclass "
             + "UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
             + "WHERE conrelid = 'task'::regclass AND contype IN ('c', 'f') "
             + "UNION ALL SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(oid) FROM pg_trigger "
             + "WHERE tgrelid = 'task'::regclass AND NOT tgisinternal ORDER BY 1")) {
      while (rs.next()) {
        objects.add(rs.getString(1).replace("(", "").replace(")", ""));
      }
    }
    return objects;
  }

  private static String name(String object) {
    return object.split(" ")[1];
  }

  private static long version(long id) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT version FROM task WHERE id = " + id)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
