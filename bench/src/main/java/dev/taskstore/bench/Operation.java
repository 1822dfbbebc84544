package dev.taskstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the report: the benchmark methods that measure it for taskstore, the baseline (several baseline
 * methods are alternatives, per round the fastest counts) and the peers, how the score becomes the reported
 * figure, which target applies, and on which schema it runs.
 *
 * @param label the operation's name in the report
 * @param taskstore the {@link TaskstoreBench} method, or null while taskstore has no such API yet
 * @param baseline the {@link JdbcBench} methods
 * @param rowsPerOp rows one call handles: a bulk insert's score (ms per call) becomes rows per second
 * @param target the least taskstore ÷ baseline ratio wanted, or 0 for none
 * @param writes whether the benchmark changes the task table (which is restored after it)
 * @param taskstoreNote what the taskstore column says when {@code taskstore} is null
 * @param extras further systems run in the same rounds (e.g. blocking JDBC on 16 threads beside async calls)
 * @param schema the task table's objects while the operation runs
 */
record Operation(String label, String taskstore, List<String> baseline, int rowsPerOp, double target,
    boolean writes, String taskstoreNote, List<Entry> extras, Schema schema) {

  /** Issue 19's targets: no single-row operation below 0.95 of JDBC, bulk inserts at least the best JDBC method. */
  static final double SINGLE_ROW = 0.95;
  static final double BULK = 1.0;
  /** taskstore's asynchronous get-by-id with 64 in flight against blocking JDBC on 16 threads (issue 19). */
  static final double ASYNC_OVER_BLOCKING = 2.0;

  /** System names in the report. */
  static final String TASKSTORE = "taskstore";
  static final String JDBC = "JDBC";
  static final String JDBC_16_THREADS = "JDBC blocking, 16 threads";

  /**
   * One system of an operation: a benchmark method.
   *
   * @param system the name in the report ({@link #TASKSTORE}, {@link #JDBC}, jOOQ, JDBI, or an extra's)
   * @param bench the benchmark class
   * @param method the benchmark method
   */
  record Entry(String system, Class<?> bench, String method) {
    String key() {
      return system + ":" + bench.getSimpleName() + "." + method;
    }
  }

  /** The task table's objects while an operation runs (see {@link Dataset#strip}). */
  enum Schema {
    /** Every migration's objects, as applications have them. */
    FULL,
    /** Without what V2 added: the update trigger, the idempotency key's index and the two CHECKs of V2. */
    WITHOUT_V2,
    /** The primary key only: no other index, no CHECK, no foreign key, no trigger. */
    PRIMARY_KEY_ONLY,
    /** Without V5's counter triggers on insert, update and delete: what keeping the counts costs a write. */
    WITHOUT_COUNTERS
  }

  Operation(String label, String taskstore, List<String> baseline, int rowsPerOp, double target, boolean writes,
      String taskstoreNote) {
    this(label, taskstore, baseline, rowsPerOp, target, writes, taskstoreNote, List.of(), Schema.FULL);
  }

  /** The rows of the main table, in the order they run. */
  static final List<Operation> MAIN = List.of(
      new Operation("insert-one (returning id, created_at)", "insertOne", List.of("insertOne"), 1, SINGLE_ROW, true, null),
      new Operation("get-by-id", "getById", List.of("getById"), 1, SINGLE_ROW, false, null),
      new Operation("join-by-id (task with its user)", "joinById", List.of("joinById"), 1, SINGLE_ROW, false, null),
      new Operation("count-completed", "countCompleted", List.of("countCompleted"), 1, 0, false, null),
      new Operation("update-one (title only)", "updateOne", List.of("updateOne"), 1, SINGLE_ROW, true, null),
      new Operation("delete-one", "deleteOne", List.of("deleteOne"), 1, SINGLE_ROW, true, null),
      new Operation("bulk-insert-10k (one call)", "bulkInsert", List.of("bulkInsertCopy", "bulkInsertMultiRow"),
          BenchEnv.BULK_ROWS, BULK, true, null),
      new Operation("bulk-insert-1M (one call)", "bulkInsert1M", List.of("bulkInsertCopy1M", "bulkInsertMultiRow1M"),
          BenchEnv.LARGE_BULK_ROWS, BULK, true, null),
      new Operation("bulk-insert-10k, the server alone (INSERT … SELECT generate_series): the ceiling", null,
          List.of("bulkInsertServerSide"), BenchEnv.BULK_ROWS, 0, true, "— (no client)"),
      new Operation("bulk-insert-10k without what V2 added (update trigger, idempotency index, 2 CHECKs)",
          "bulkInsert", List.of(), BenchEnv.BULK_ROWS, 0, true, null, List.of(), Schema.WITHOUT_V2),
      new Operation("bulk-insert-10k on the primary key alone (no other index, CHECK, foreign key or trigger)",
          "bulkInsert", List.of(), BenchEnv.BULK_ROWS, 0, true, null, List.of(), Schema.PRIMARY_KEY_ONLY),
      new Operation("bulk-insert-10k without V5's counter triggers", "bulkInsert", List.of(), BenchEnv.BULK_ROWS,
          0, true, null, List.of(), Schema.WITHOUT_COUNTERS),
      new Operation("insert-one without V5's counter triggers", "insertOne", List.of(), 1, 0, true, null, List.of(),
          Schema.WITHOUT_COUNTERS),
      new Operation("update-one (title only) without V5's counter triggers", "updateOne", List.of(), 1, 0, true,
          null, List.of(), Schema.WITHOUT_COUNTERS),
      new Operation("delete-one without V5's counter triggers", "deleteOne", List.of(), 1, 0, true, null, List.of(),
          Schema.WITHOUT_COUNTERS),
      new Operation("keyset page of 50", "keysetPage", List.of("keysetPage"), 1, 0, false, null),
      new Operation("search page by relevance (two words, one matching task)", "search", List.of("search"), 1, 0,
          false, null),
      new Operation("get-by-id, 16 threads", "getById16", List.of("getById16"), 1, SINGLE_ROW, false, null),
      new Operation("get-by-id async, 64 in flight", "getByIdAsync64", List.of("getByIdAsync64"), 1, SINGLE_ROW,
          false, null, List.of(new Entry(JDBC_16_THREADS, JdbcBench.class, "getById16")), Schema.FULL),
      new Operation("get-by-id, 1 in flight (async for taskstore, blocking for JDBC; latency sampled)",
          "getByIdAsync1", List.of("getByIdSampled"), 1, 0, false, null),
      new Operation("get-or-create a user that exists (one statement)", "getOrCreateUser",
          List.of("getOrCreateUser"), 1, 0, false, null),
      new Operation("get-by-id, every call a Micrometer Observation", "getByIdObserved", List.of("getById"), 1, 0,
          false, null),
      new Operation("get-by-id through Spring's DataSourceUtils (the starter's path)", "getByIdSpring",
          List.of("getById"), 1, 0, false, null));

  /**
   * The benchmark classes of the peers, the libraries a user would pick instead of taskstore. Each has a method
   * named like taskstore's for every operation of {@link #PEERED}.
   */
  static final List<Class<?>> PEERS = List.of(JooqBench.class, JdbiBench.class);

  /**
   * The operations the peers run too: the single-row calls, the page, the bulk insert of 10,000 and 16 threads.
   * Not the million-row insert: its shots take 15-30 s each, and the peers' bulk paths are compared at 10,000.
   */
  private static final Set<String> PEERED = Set.of("insertOne", "getById", "joinById", "countCompleted",
      "updateOne", "deleteOne", "bulkInsert", "keysetPage", "getById16");

  /** The rows of the scaling table. */
  static final List<Operation> SCALING = List.of(named("getById"), named("keysetPage"), named("insertOne"),
      named("countCompleted"), named("search"));

  private static Operation named(String taskstoreMethod) {
    return MAIN.stream().filter(o -> taskstoreMethod.equals(o.taskstore())).findFirst().orElseThrow();
  }

  /** The row of the main table with this taskstore method on this schema. */
  static Optional<Operation> find(String taskstoreMethod, Schema schema) {
    return MAIN.stream().filter(o -> taskstoreMethod.equals(o.taskstore()) && o.schema() == schema).findFirst();
  }

  /** The peers' benchmark method for this operation, when they run it. */
  Optional<String> peer() {
    return taskstore != null && schema == Schema.FULL && PEERED.contains(taskstore) ? Optional.of(taskstore)
        : Optional.empty();
  }

  /** The systems of one round: the baseline's alternatives, taskstore, the peers (when asked), the extras. */
  List<Entry> entries(boolean withPeers) {
    List<Entry> entries = new ArrayList<>();
    for (String method : baseline) {
      entries.add(new Entry(JDBC, JdbcBench.class, method));
    }
    if (taskstore != null) {
      entries.add(new Entry(TASKSTORE, TaskstoreBench.class, taskstore));
    }
    if (withPeers && peer().isPresent()) {
      for (Class<?> p : PEERS) {
        entries.add(new Entry(peerName(p), p, peer().get()));
      }
    }
    entries.addAll(extras);
    return entries;
  }

  /**
   * Whether this operation runs {@link RunPlan#pairedRounds} after its rounds: a single-row operation held to
   * {@link #SINGLE_ROW} against one JDBC method, with no further system. Its ratio is within a few percent of
   * 1, where one disturbed fork in three rounds moves the median across the target.
   */
  boolean paired() {
    return target == SINGLE_ROW && baseline.size() == 1 && extras.isEmpty();
  }

  /**
   * The systems of a paired round: JDBC, then taskstore (rotated from round to round like the others); for a
   * {@link #paired()} operation that is all of {@link #entries} without the peers.
   */
  List<Entry> pairedEntries() {
    return entries(false);
  }

  static String peerName(Class<?> peer) {
    return peer == JooqBench.class ? "jOOQ" : peer == JdbiBench.class ? "JDBI" : peer.getSimpleName();
  }

  /**
   * Whether this is the million-row bulk insert, which runs on {@link RunPlan#largeBulk()}'s smaller budget of
   * rounds and shots (a shot takes 15-30 s), and not at all in quick mode.
   */
  boolean large() {
    return rowsPerOp >= BenchEnv.LARGE_BULK_ROWS;
  }

  /**
   * Whether each system's calls run one at a time on one connection: every operation but those with 16 threads
   * or 64 calls in flight. These run pinned ({@link Placement}).
   */
  boolean oneConnection() {
    return taskstore == null || !CONCURRENT.contains(taskstore);
  }

  /** The operations with many calls in flight. */
  private static final Set<String> CONCURRENT = Set.of("getById16", "getByIdAsync64");

  /** Whether the figure is rows per second rather than calls per second. */
  boolean bulk() {
    return rowsPerOp > 1;
  }

  String unit() {
    return bulk() ? "rows/s" : "ops/s";
  }
}
