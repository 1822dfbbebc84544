package dev.taskstore.bench;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the report: the benchmark methods that measure it for taskstore and for the baseline (several
 * baseline methods are alternatives, the fastest counts), how the score becomes the reported figure, and
 * which target applies.
 *
 * @param label the operation's name in the report
 * @param taskstore the {@link TaskstoreBench} method, or null while taskstore has no such API yet
 * @param baseline the {@link JdbcBench} methods
 * @param rowsPerOp rows one call handles: a bulk insert's score (ms per call) becomes rows per second
 * @param target the least taskstore ÷ baseline ratio wanted, or 0 for none
 * @param writes whether the benchmark changes the task table (which is restored after it)
 * @param taskstoreNote what the taskstore column says when {@code taskstore} is null
 */
record Operation(String label, String taskstore, List<String> baseline, int rowsPerOp, double target,
    boolean writes, String taskstoreNote) {

  static final double SINGLE_ROW = 0.90;
  static final double BULK = 0.95;

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
      new Operation("bulk-insert-10k, the server alone (INSERT … SELECT generate_series): the ceiling", null,
          List.of("bulkInsertServerSide"), BenchEnv.BULK_ROWS, 0, true, "— (no client)"),
      new Operation("keyset page of 50", "keysetPage", List.of("keysetPage"), 1, 0, false, null),
      new Operation("search page by relevance (two words, one matching task)", "search", List.of("search"), 1, 0,
          false, null),
      new Operation("get-by-id, 16 threads", "getById16", List.of("getById16"), 1, SINGLE_ROW, false, null),
      new Operation("get-by-id async, 64 in flight", "getByIdAsync64", List.of("getByIdAsync64"), 1, SINGLE_ROW,
          false, null),
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

  /** The operations the peers run too: the single-row calls, the page, the bulk insert and 16 threads. */
  private static final Set<String> PEERED = Set.of("insertOne", "getById", "joinById", "countCompleted",
      "updateOne", "deleteOne", "bulkInsert", "keysetPage", "getById16");

  /** The rows of the scaling table. */
  static final List<Operation> SCALING = List.of(named("getById"), named("keysetPage"), named("insertOne"),
      named("countCompleted"), named("search"));

  private static Operation named(String taskstoreMethod) {
    return MAIN.stream().filter(o -> taskstoreMethod.equals(o.taskstore())).findFirst().orElseThrow();
  }

  /** The peers' benchmark method for this operation, when they run it. */
  Optional<String> peer() {
    return taskstore != null && PEERED.contains(taskstore) ? Optional.of(taskstore) : Optional.empty();
  }

  /** Whether the figure is rows per second rather than calls per second. */
  boolean bulk() {
    return rowsPerOp > 1;
  }

  String unit() {
    return bulk() ? "rows/s" : "ops/s";
  }
}
