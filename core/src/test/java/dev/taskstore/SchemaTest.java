package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** taskstore's tables, history and SQL in a schema of the application's choice, on a database of its own. */
class SchemaTest {

  @RegisterExtension
  final ScratchDatabase database = new ScratchDatabase("schema_probe");

  /** The keyed create and the versioned update in two schemas: keys and versions are per schema too. */
  @Test
  void keyedCreatesAndVersionedUpdatesInTwoSchemas() {
    try (TaskStore a = open("tenant_a"); TaskStore b = open("tenant_b")) {
      a.migrate();
      b.migrate();
      TaskBase keyed = TaskBase.builder("keyed").idempotencyKey("k-1").build();
      TaskRead keyedInA = a.tasks().create(keyed);
      assertThat(a.tasks().create(keyed)).isEqualTo(keyedInA);
      TaskRead keyedInB = b.tasks().create(keyed);
      assertThat(b.tasks().create(keyed)).isEqualTo(keyedInB);
      assertThat(a.tasks().update(keyedInA.id(), TaskUpdate.builder().completed(true).build(), 1).version())
          .isEqualTo(2);
      assertThatThrownBy(() -> b.tasks().update(keyedInB.id(), TaskUpdate.builder().completed(true).build(), 2))
          .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(1));
    }
    assertThat(database.strings("SELECT count(*)::text FROM tenant_a.task")).containsExactly("1");
    assertThat(database.strings("SELECT count(*)::text FROM tenant_b.task")).containsExactly("1");
  }

  @Test
  void twoStoresOnTwoSchemasOfOneDatabaseShareNothing() {
    try (TaskStore a = open("tenant_a"); TaskStore b = open("tenant_b")) {
      assertThat(a.migrate()).isEqualTo(3);
      assertThat(b.migrate()).isEqualTo(3);

      UserRead ann = a.users().create("ann@example.org");
      TaskRead inA = a.tasks().create(TaskBase.builder("in a").userId(ann.id()).build());
      UserRead annInB = b.users().create("ann@example.org"); // the unique email is per schema
      assertThat(a.users().getOrCreate("ANN@example.org").value()).isEqualTo(ann);
      assertThat(b.users().getOrCreate("carol@example.org").created()).isTrue();
      assertThat(a.users().findByEmail("carol@example.org")).isEmpty();
      TeamRead team = b.teams().create(new TeamCreate("b team"));
      b.teams().addMember(team.id(), annInB.id());

      assertThat(inA.id()).isEqualTo(1);
      assertThat(annInB.id()).isEqualTo(1);
      assertThat(a.tasks().count(TaskFilter.all())).isEqualTo(1);
      assertThat(b.tasks().count(TaskFilter.all())).isZero();
      assertThat(b.tasks().findById(inA.id())).isEmpty();
      assertThat(a.teams().findById(team.id())).isEmpty();
      assertThat(b.teams().members(team.id())).extracting(UserRead::email).containsExactly("ann@example.org");
      assertThat(a.tasks().findWithUser(inA.id()).orElseThrow().user()).contains(ann);
      assertThat(a.users().tasksOf(ann.id(), TaskQuery.firstPage()).items()).containsExactly(inA);
      assertThat(b.users().tasksOf(annInB.id(), TaskQuery.firstPage()).items()).isEmpty();
    }
    assertThat(database.strings("SELECT count(*)::text FROM tenant_a.task")).containsExactly("1");
    assertThat(database.strings("SELECT count(*)::text FROM tenant_b.task")).containsExactly("0");
    assertThat(database.strings("SELECT table_schema FROM information_schema.tables WHERE table_name = "
        + "'taskstore_schema_history' ORDER BY 1")).containsExactly("tenant_a", "tenant_b");
    assertThat(database.strings(
        "SELECT count(*)::text FROM information_schema.tables WHERE table_schema = 'public'"))
        .containsExactly("0");
  }

  @Test
  void anApplicationsOwnUserAndTaskTablesInPublicStayUntouchedBesideTaskstoresSchema() {
    database.execute("CREATE TABLE \"user\" (login text PRIMARY KEY)");
    database.execute("CREATE TABLE task (code int PRIMARY KEY, what text)");
    database.execute("INSERT INTO \"user\" VALUES ('host-admin')");
    database.execute("INSERT INTO task VALUES (7, 'the host''s own task')");

    try (TaskStore ours = open("taskstore")) {
      ours.migrate();
      UserRead bob = ours.users().create("bob@example.org");
      TaskRead task = ours.tasks().create(TaskBase.builder("ours").userId(bob.id()).build());
      ours.tasks().update(task.id(), TaskUpdate.builder().completed(true).build());
      ours.tasks().createAll(List.of(TaskBase.of("bulk 1"), TaskBase.of("bulk 2")));
      assertThat(ours.tasks().count(TaskFilter.completed(true))).isEqualTo(1);
      assertThat(ours.tasks().list(TaskQuery.firstPage()).items()).hasSize(3);
      assertThat(ours.tasks().listWithUsers(TaskQuery.firstPage()).items()).hasSize(3);
      assertThat(ours.users().findByEmail("BOB@example.org")).contains(bob);
      assertThat(ours.tasks().countByPriority(TaskFilter.all())).containsEntry(Priority.MEDIUM, 3L);
      assertThat(ours.users().countTasksPerUser(TaskFilter.all())).containsEntry(bob.id(), 1L);
      assertThat(ours.tasks().delete(task.id())).isTrue();
    }
    assertThat(database.strings("SELECT login FROM public.\"user\"")).containsExactly("host-admin");
    assertThat(database.strings("SELECT code || ' ' || what FROM public.task")).containsExactly("7 the host's own task");
    assertThat(database.strings("SELECT email FROM taskstore.\"user\"")).containsExactly("bob@example.org");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Public", "1tenant", "tenant-a", "a b", "x\"; DROP TABLE task; --", "pg_catalog",
      "schéma", "a23456789012345678901234567890123456789012345678901234567890abcd"})
  void aSchemaThatIsNotAPlainLowercaseIdentifierIsRefusedBeforeAnyConnection(String schema) {
    assertThatThrownBy(() -> TaskStoreConfig.builder().url(database.url()).schema(schema).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("schema"));
  }

  @Test
  void aNullSchemaIsRefusedAndTheDefaultIsPublic() {
    assertThatThrownBy(() -> TaskStoreConfig.builder().url(database.url()).schema(null).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("schema"));
    assertThat(TaskStoreConfig.builder().url(database.url()).build().schema()).isEqualTo("public");
  }

  private TaskStore open(String schema) {
    return TaskStore.open(TaskStoreConfig.builder().url(database.url()).schema(schema).minimumIdle(0)
        .maximumPoolSize(3).build());
  }



}
