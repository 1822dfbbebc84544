package dev.taskstore.internal;

import dev.taskstore.TaskStoreException;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.Driver;

/**
 * Database calls as Micrometer Observations named {@value #CALL} (a span {@code SELECT task}, a timer in
 * seconds) with OpenTelemetry's stable database attributes as low-cardinality key values: {@code db.system.name},
 * {@code db.operation.name}, {@code db.collection.name}, {@code db.query.summary}, {@code db.namespace} (the
 * schema), {@code taskstore.operation}, and on failure {@code error.type} and {@code db.response.status_code};
 * the span alone, when the store enables it, {@code db.query.text} (the parameterised SQL).
 * A transaction is an Observation {@value #TRANSACTION}, the parent of its calls. Never bound values.
 * Loaded only when the application gave its registry. Not public API.
 */
final class MicrometerCallObserver implements CallObserver {

  /**
   * The name of a call's Observation, and so of its timer: OpenTelemetry's histogram
   * {@code db.client.operation.duration} (seconds).
   */
  static final String CALL = "db.client.operation.duration";
  /** The name of a transaction's Observation. */
  static final String TRANSACTION = "db.client.transaction";
  /** The value of {@code error.type} and {@code db.response.status_code} for a call that did not fail. */
  static final String NONE = "none";

  private final ObservationRegistry registry;
  private final KeyValues server;
  /** Each operation's key values and span name, made once: a call allocates only what Micrometer must. */
  private final ConcurrentHashMap<Op, KeyValues> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Op, String> names = new ConcurrentHashMap<>();

  /**
   * @param registry the application's registry
   * @param schema the store's schema
   * @param jdbcUrl the database's pgjdbc URL when known (not behind an application's DataSource), else null:
   *     {@code db.namespace} is then {@code database|schema} and {@code server.address}/{@code server.port} are
   *     set, as OpenTelemetry's PostgreSQL conventions ask
   */
  MicrometerCallObserver(ObservationRegistry registry, String schema, String jdbcUrl) {
    this.registry = registry;
    this.server = serverKeys(schema, jdbcUrl);
  }

  private static KeyValues serverKeys(String schema, String jdbcUrl) {
    // Only a plain pgjdbc URL, without its query (which may hold a password): pgjdbc logs a URL it cannot parse.
    Properties parsed = jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:") ? null
        : Driver.parseURL(jdbcUrl.split("\\?", 2)[0], new Properties());
    if (parsed == null) {
      return KeyValues.of("db.namespace", schema);
    }
    String host = parsed.getProperty("PGHOST", "localhost");
    String port = parsed.getProperty("PGPORT", "5432");
    // Several hosts (failover lists) name no single server: keep the first, as the URL tries it first.
    return KeyValues.of(
        "db.namespace", parsed.getProperty("PGDBNAME", "") + "|" + schema,
        "server.address", host.split(",")[0],
        "server.port", port.split(",")[0]);
  }

  /** Starts the call's Observation; the handle is its open scope, which knows the Observation. */
  @Override
  public Object start(Op op) {
    if (registry.isNoop()) {
      return null;
    }
    Observation o = Observation.createNotStarted(op == Op.TRANSACTION ? TRANSACTION : CALL, registry)
        .contextualName(names.computeIfAbsent(op, Op::summary))
        .lowCardinalityKeyValues(keys.computeIfAbsent(op, this::keyValues))
        .start();
    try {
      return o.openScope();
    } catch (RuntimeException e) {
      o.stop();
      return null; // the call runs unobserved rather than fail for its tracing
    }
  }

  private KeyValues keyValues(Op op) {
    // error.type and db.response.status_code are present on every call, "none" unless it failed: OpenTelemetry
    // sets them on failures only, but Prometheus needs one set of tag keys for all the timers of one name, or it
    // drops the timers of failed calls.
    KeyValues kv = server.and(
        "db.system.name", "postgresql",
        "db.operation.name", op.verb(),
        "db.query.summary", op.summary(),
        "taskstore.operation", op.name(),
        "error.type", NONE,
        "db.response.status_code", NONE);
    return op.table().isEmpty() ? kv : kv.and("db.collection.name", op.table());
  }

  @Override
  public void stop(Object handle, Throwable failure, String queryText) {
    if (handle == null) {
      return;
    }
    Observation.Scope scope = (Observation.Scope) handle;
    Observation o = scope.getCurrentObservation();
    try {
      if (queryText != null) {
        // High cardinality: on the span, never a metric's tag.
        o.highCardinalityKeyValue("db.query.text", queryText);
      }
      if (failure != null) {
        o.lowCardinalityKeyValue("error.type", failure.getClass().getName());
        if (failure instanceof TaskStoreException e && e.sqlState().isPresent()) {
          o.lowCardinalityKeyValue("db.response.status_code", e.sqlState().get());
        }
        o.error(new ObservedFailure(failure));
      }
    } catch (RuntimeException e) {
      // A handler's failure must neither replace the call's outcome nor leave the scope open.
    } finally {
      try {
        scope.close();
      } finally {
        o.stop();
      }
    }
  }

  /**
   * What a trace records of a failure: the taskstore exception's type, message and SQLSTATE, which never carry
   * values, without its causes (the driver's message may quote values, e.g. PostgreSQL's "Key (email)=(…)"
   * detail) and without a stack trace.
   */
  static final class ObservedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ObservedFailure(Throwable failure) {
      super(failure.getClass().getName() + ": " + (failure instanceof TaskStoreException ? failure.getMessage()
          : "(message withheld)"), null, false, false);
    }
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
