package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

  @Test
  void migrationsApplyToAnEmptyDatabaseAndASecondRunIsANoOp() throws Exception {
    String url = TestDatabase.createDatabase("migration_probe");
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(url).minimumIdle(0).maximumPoolSize(2)
        .build())) {
      assertThat(store.migrate()).isGreaterThanOrEqualTo(1);
      assertThat(store.migrate()).isZero();
      assertThat(store.tasks().count(TaskFilter.all())).isZero();
    }
    TestDatabase.execute("DROP DATABASE migration_probe");
  }

  @Test
  void migrateOnOpenRunsTheMigrations() {
    String url = TestDatabase.createDatabase("migrate_on_open");
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(url).minimumIdle(0).maximumPoolSize(2)
        .migrateOnOpen(true).build())) {
      assertThat(store.users().create("a@b.c").id()).isEqualTo(1);
    }
    TestDatabase.execute("DROP DATABASE migrate_on_open");
  }

  @Test
  void schemaHasEveryNamedConstraint() throws Exception {
    TestDatabase.store();
    List<String> names = strings("SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
        + " WHERE n.nspname = 'public' ORDER BY conname");
    assertThat(names).contains(
        "user_pkey", "user_email_check",
        "task_pkey", "task_title_check", "task_description_check", "task_priority_check", "task_user_id_fkey",
        "team_pkey", "team_name_check",
        "teamuserlink_pkey", "teamuserlink_team_id_fkey", "teamuserlink_user_id_fkey");
    List<String> indexes = strings("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");
    assertThat(indexes).contains("user_email_key", "task_user_id_idx", "task_completed_idx",
        "task_created_at_id_idx", "teamuserlink_user_id_idx");
    assertThat(strings("SELECT indexdef FROM pg_indexes WHERE indexname = 'user_email_key'").get(0))
        .contains("UNIQUE").contains("lower(email)");
  }

  @Test
  void foreignKeysHaveTheDocumentedDeleteRules() throws Exception {
    TestDatabase.store();
    List<String> rules = strings("SELECT conname::text || ':' || confdeltype::text FROM pg_constraint WHERE contype = 'f'"
        + " ORDER BY conname");
    // n = SET NULL, c = CASCADE
    assertThat(rules).containsExactly("task_user_id_fkey:n", "teamuserlink_team_id_fkey:c",
        "teamuserlink_user_id_fkey:c");
  }

  private static List<String> strings(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
