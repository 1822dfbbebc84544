package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Every database call an Observation with OpenTelemetry's database attributes; a transaction their parent. */
class ObservationTest extends DatabaseTest {

  private final RecordingObservations recording = new RecordingObservations();
  private final List<Observation.Context> stopped = recording.stopped();
  private ObservationRegistry registry;
  private TaskStore observed;

  @BeforeEach
  void openWithARegistry() {
    registry = recording.registry();
    observed = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(4).observationRegistry(registry)
        .build());
  }

  @AfterEach
  void close() {
    observed.close();
  }

  @Test
  void aCallIsOneObservationNamedByItsVerbAndTableWithTheDatabaseAttributes() {
    TaskRead task = observed.tasks().create(TaskBase.of("observed"));
    observed.tasks().findById(task.id());
    observed.tasks().update(task.id(), TaskUpdate.builder().completed(true).build());
    observed.tasks().list(TaskQuery.firstPage());
    observed.tasks().count(TaskFilter.all());

    assertThat(stopped).extracting(Observation.Context::getContextualName)
        .containsExactly("INSERT task", "SELECT task", "UPDATE task", "SELECT task", "SELECT task");
    assertThat(stopped).extracting(Observation.Context::getName).containsOnly("db.client.operation.duration");
    assertThat(keys(stopped.get(1))).isEqualTo(Map.of(
        "db.system.name", "postgresql",
        "db.namespace", "postgres|public",
        "server.address", "localhost",
        "server.port", String.valueOf(TestDatabase.server().port()),
        "db.operation.name", "SELECT",
        "db.collection.name", "task",
        "db.query.summary", "SELECT task",
        "taskstore.operation", "tasks.findById",
        "error.type", "none",
        "db.response.status_code", "none"));
    assertThat(stopped).allSatisfy(c -> assertThat(c.getParentObservation()).isNull());
  }

  @Test
  void behindAnApplicationsDataSourceOfUnknownKindTheNamespaceIsTheSchema() {
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setUrl(TestDatabase.server().jdbcUrl());
    try (TaskStore hosted = TaskStore.open(TaskStoreConfig.builder().dataSource(plain).observationRegistry(registry)
        .build())) {
      hosted.tasks().count(TaskFilter.all());
    }
    assertThat(keys(stopped.get(0))).containsEntry("db.namespace", "public").doesNotContainKey("server.address");
  }

  @Test
  void aTransactionIsTheParentOfItsCalls() {
    observed.inTransaction(tx -> {
      tx.users().create("ann@example.org");
      return tx.tasks().count(TaskFilter.all());
    });

    assertThat(stopped).extracting(Observation.Context::getContextualName)
        .containsExactly("INSERT user", "SELECT task", "TRANSACTION");
    Observation.Context transaction = stopped.get(2);
    assertThat(transaction.getName()).isEqualTo("db.client.transaction");
    for (Observation.Context call : stopped.subList(0, 2)) {
      assertThat(call.getParentObservation()).isNotNull();
      assertThat(call.getParentObservation().getContextView()).isSameAs(transaction);
    }
  }

  @Test
  void aBulkInsertOfSeveralChunksIsOneCallPerChunkInsideItsTransaction() {
    List<TaskBase> many = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      many.add(TaskBase.of("bulk " + i));
    }
    observed.tasks().createAll(many);

    assertThat(stopped).extracting(Observation.Context::getContextualName)
        .containsExactly("INSERT task", "INSERT task", "INSERT task", "TRANSACTION");
    for (Observation.Context chunk : stopped.subList(0, 3)) {
      assertThat(keys(chunk)).containsEntry("taskstore.operation", "tasks.createAll");
      assertThat(chunk.getParentObservation().getContextView()).isSameAs(stopped.get(3));
    }
  }

  @Test
  void aFailedCallCarriesItsSqlStateAndExceptionType() {
    observed.users().create("dup@example.org");
    assertThatThrownBy(() -> observed.users().create("DUP@example.org")).isInstanceOf(UniqueViolationException.class);

    Observation.Context failed = stopped.get(1);
    assertThat(keys(failed)).containsEntry("db.response.status_code", "23505")
        .containsEntry("error.type", UniqueViolationException.class.getName());
    // The trace gets taskstore's type and message, without the driver's exception, whose message quotes values.
    assertThat(failed.getError()).hasMessageStartingWith(UniqueViolationException.class.getName() + ": ")
        .hasMessageNotContaining("dup@example.org").hasNoCause();
    assertThat(keys(failed).values()).noneMatch(v -> v.contains("dup@example.org"));
  }

  @Test
  void anAsynchronousCallKeepsTheCallersParent() {
    Observation parent = Observation.start("request", registry);
    try (Observation.Scope scope = parent.openScope()) {
      observed.async().tasks().count(TaskFilter.all()).join();
    } finally {
      parent.stop();
    }

    Observation.Context call = stopped.get(0);
    assertThat(call.getContextualName()).isEqualTo("SELECT task");
    assertThat(call.getParentObservation()).isNotNull();
    assertThat(call.getParentObservation().getContextView()).isSameAs(parent.getContext());
  }

  @Test
  void everyCallIsTimedAsTheDurationHistogramWithTheSameLowCardinalityAttributes() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry timed = ObservationRegistry.create();
    timed.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    try (TaskStore store = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(2)
        .observationRegistry(timed).build())) {
      TaskRead task = store.tasks().create(TaskBase.of("timed"));
      store.tasks().findById(task.id());
      store.tasks().findById(task.id());
      store.users().create("t@example.org");
      assertThatThrownBy(() -> store.users().create("T@example.org")).isInstanceOf(UniqueViolationException.class);
    }

    Timer reads = meters.find("db.client.operation.duration").tag("taskstore.operation", "tasks.findById").timer();
    assertThat(reads).isNotNull();
    assertThat(reads.count()).isEqualTo(2);
    assertThat(reads.getId().getBaseUnit()).isEqualTo("seconds");
    assertThat(reads.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(reads.getId().getTag("db.system.name")).isEqualTo("postgresql");
    assertThat(reads.getId().getTag("db.operation.name")).isEqualTo("SELECT");
    assertThat(reads.getId().getTag("db.collection.name")).isEqualTo("task");
    assertThat(reads.getId().getTag("db.namespace")).isEqualTo("postgres|public");
    assertThat(reads.getId().getTag("error.type")).isEqualTo("none");
    assertThat(reads.getId().getTag("db.response.status_code")).isEqualTo("none");
    Timer failed = meters.find("db.client.operation.duration").tag("error.type",
        UniqueViolationException.class.getName()).timer();
    assertThat(failed).isNotNull();
    assertThat(failed.count()).isEqualTo(1);
    assertThat(failed.getId().getTag("db.response.status_code")).isEqualTo("23505");
    // No meter tag carries SQL text or a value.
    assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
        .noneMatch(t -> t.getKey().equals("db.query.text") || t.getValue().contains("example.org")));
  }

  @Test
  void theParameterisedSqlIsOnTheSpanOnlyWhenAskedForAndNeverAValue() {
    observed.tasks().create(TaskBase.of("no text here"));
    assertThat(stopped.get(0).getHighCardinalityKeyValue("db.query.text")).isNull();
    stopped.clear();

    try (TaskStore withText = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(2)
        .observationRegistry(registry).observeQueryText(true).build())) {
      TaskRead task = withText.tasks().create(TaskBase.builder("secret-title-42").description("secret-desc").build());
      withText.tasks().list(TaskQuery.builder().filter(TaskFilter.builder().titleContains("secret-title").build())
          .build());
      withText.users().countTasksPerUser(TaskFilter.all());
      withText.jdbc(c -> c.createStatement().execute("SELECT 'literal-from-the-application'"));
      withText.tasks().delete(task.id());
    }

    assertThat(stopped).extracting(Observation.Context::getContextualName)
        .containsExactly("INSERT task", "SELECT task", "SELECT task", "JDBC", "TRANSACTION", "DELETE task");
    String insert = stopped.get(0).getHighCardinalityKeyValue("db.query.text").getValue();
    assertThat(insert).startsWith("insert into").contains("?").doesNotContain("secret");
    assertThat(stopped.get(1).getHighCardinalityKeyValue("db.query.text").getValue()).contains("?")
        .doesNotContain("secret");
    // A statement jOOQ runs itself (the per-user count, shaped by the filter) is recorded too.
    assertThat(stopped.get(2).getHighCardinalityKeyValue("db.query.text").getValue()).containsIgnoringCase("count(");
    // The application's own SQL never is: it may hold literals.
    assertThat(stopped.get(3).getHighCardinalityKeyValue("db.query.text")).isNull();
    assertThat(stopped.get(5).getHighCardinalityKeyValue("db.query.text").getValue()).startsWith("delete");
    assertThat(stopped).allSatisfy(c -> assertThat(keys(c)).doesNotContainKey("db.query.text"));
  }

  @Test
  void aMigrationRunIsOneObservedCall() {
    String url = TestDatabase.createDatabase("observed_migration");
    try (TaskStore fresh = TaskStore.open(TaskStoreConfig.builder().url(url).minimumIdle(0).maximumPoolSize(2)
        .observationRegistry(registry).build())) {
      assertThat(fresh.migrate()).isPositive();
      assertThat(fresh.migrate()).isZero();
    } finally {
      TestDatabase.execute("DROP DATABASE observed_migration WITH (FORCE)");
    }

    assertThat(stopped).extracting(Observation.Context::getContextualName).containsExactly("MIGRATE", "MIGRATE");
    assertThat(keys(stopped.get(0))).containsEntry("taskstore.operation", "migrate")
        .containsEntry("db.operation.name", "MIGRATE").doesNotContainKey("db.collection.name");
  }

  private static Map<String, String> keys(Observation.Context context) {
    Map<String, String> keys = new TreeMap<>();
    for (KeyValue kv : context.getLowCardinalityKeyValues()) {
      keys.put(kv.getKey(), kv.getValue());
    }
    return keys;
  }
}
