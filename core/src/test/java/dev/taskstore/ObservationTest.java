package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Every database call an Observation with OpenTelemetry's database attributes; a transaction their parent. */
class ObservationTest extends DatabaseTest {

  private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
  private ObservationRegistry registry;
  private TaskStore observed;

  @BeforeEach
  void openWithARegistry() {
    registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }

      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }
    });
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
    assertThat(stopped).extracting(Observation.Context::getName).containsOnly("db.client.operation");
    assertThat(keys(stopped.get(1))).isEqualTo(Map.of(
        "db.system.name", "postgresql",
        "db.namespace", "postgres|public",
        "server.address", "localhost",
        "server.port", String.valueOf(TestDatabase.server().port()),
        "db.operation.name", "SELECT",
        "db.collection.name", "task",
        "db.query.summary", "SELECT task",
        "taskstore.operation", "tasks.findById"));
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
    for (int i = 0; i < 2500; i++) {
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

  private static Map<String, String> keys(Observation.Context context) {
    Map<String, String> keys = new TreeMap<>();
    for (KeyValue kv : context.getLowCardinalityKeyValues()) {
      keys.put(kv.getKey(), kv.getValue());
    }
    return keys;
  }
}
