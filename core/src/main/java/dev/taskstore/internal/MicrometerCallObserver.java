package dev.taskstore.internal;

import dev.taskstore.TaskStoreException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Database calls as Micrometer Observations named {@value #CALL} (a span {@code SELECT task}, a timer) with
 * OpenTelemetry's stable database attributes as low-cardinality key values: {@code db.system.name},
 * {@code db.operation.name}, {@code db.collection.name}, {@code db.query.summary}, {@code db.namespace} (the
 * schema), {@code taskstore.operation}, and on failure {@code error.type} and {@code db.response.status_code}.
 * A transaction is an Observation {@value #TRANSACTION}, the parent of its calls. Never SQL text or values.
 * Loaded only when the application gave its registry. Not public API.
 */
final class MicrometerCallObserver implements CallObserver {

  /** The name of a call's Observation (its timer: {@code db.client.operation}). */
  static final String CALL = "db.client.operation";
  /** The name of a transaction's Observation. */
  static final String TRANSACTION = "db.client.transaction";

  private final ObservationRegistry registry;
  private final String schema;

  MicrometerCallObserver(ObservationRegistry registry, String schema) {
    this.registry = registry;
    this.schema = schema;
  }

  private record Handle(Observation observation, Observation.Scope scope) {}

  @Override
  public Object start(Op op) {
    boolean transaction = op == Op.TRANSACTION;
    Observation o = Observation.createNotStarted(transaction ? TRANSACTION : CALL, registry)
        .contextualName(op.summary())
        .lowCardinalityKeyValue("db.system.name", "postgresql")
        .lowCardinalityKeyValue("db.namespace", schema)
        .lowCardinalityKeyValue("db.operation.name", op.verb())
        .lowCardinalityKeyValue("db.query.summary", op.summary())
        .lowCardinalityKeyValue("taskstore.operation", op.name());
    if (!op.table().isEmpty()) {
      o.lowCardinalityKeyValue("db.collection.name", op.table());
    }
    o.start();
    return new Handle(o, o.openScope());
  }

  @Override
  public void stop(Object handle, RuntimeException failure) {
    Handle h = (Handle) handle;
    Observation o = h.observation();
    if (failure != null) {
      o.lowCardinalityKeyValue("error.type", failure.getClass().getName());
      if (failure instanceof TaskStoreException e && e.sqlState().isPresent()) {
        o.lowCardinalityKeyValue("db.response.status_code", e.sqlState().get());
      }
      o.error(failure);
    }
    h.scope().close();
    o.stop();
  }

  @Override
  public Object current() {
    return registry.getCurrentObservation();
  }

  @Override
  public void runWithin(Object parent, Runnable work) {
    if (parent == null) {
      work.run();
      return;
    }
    try (Observation.Scope scope = ((Observation) parent).openScope()) {
      work.run();
    }
  }
}
