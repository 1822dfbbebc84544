package dev.taskstore.bench;

import java.util.List;

/**
 * How long each benchmark runs and at which table sizes.
 *
 * @param name {@code full}, {@code quick} or {@code dev}
 * @param warmupIterations warm-up iterations of a throughput benchmark
 * @param measurementIterations measured iterations of a throughput benchmark, in total over its passes
 * @param interleaved whether operations with a target run in two passes, baseline-taskstore then
 *     taskstore-baseline, so that the machine's drift during the run weighs on both systems alike
 * @param iterationMillis length of one iteration
 * @param bulkWarmups warm-up shots of a bulk insert
 * @param bulkShots measured shots of a bulk insert
 * @param tasks the size of the main table's data set
 * @param scalingSizes the further sizes of the scaling table, ascending
 */
record RunPlan(String name, int warmupIterations, int measurementIterations, boolean interleaved,
    long iterationMillis, int bulkWarmups, int bulkShots, long tasks, List<Long> scalingSizes) {

  /** The committed report: about ten minutes on two cores. */
  static final RunPlan FULL = new RunPlan("full", 3, 6, true, 1000, 10, 16, 10_000, List.of(100_000L, 1_000_000L));
  /** Proves that every benchmark still runs; its figures are too short to mean anything. */
  static final RunPlan QUICK = new RunPlan("quick", 1, 1, false, 400, 1, 1, 10_000, List.of(20_000L));

  /** For working on the library: the full run's timings at the main size only, no scaling table. */
  static final RunPlan DEV = new RunPlan("dev", 3, 6, true, 1000, 10, 16, 10_000, List.of());

  static RunPlan named(String name) {
    return switch (name) {
      case "full" -> FULL;
      case "quick" -> QUICK;
      case "dev" -> DEV;
      default -> throw new IllegalArgumentException("unknown mode '" + name + "': use full, quick or dev");
    };
  }

  /**
   * This plan with another iteration length; the result is never {@link #FULL}, so its report is not the
   * committed one.
   */
  RunPlan withIterationMillis(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("bench.iterationMillis must be at least 1, was " + millis);
    }
    return new RunPlan(name, warmupIterations, measurementIterations, interleaved, millis, bulkWarmups, bulkShots,
        tasks, scalingSizes);
  }

  /** Whether this plan's figures are worth reading. */
  boolean meaningful() {
    return this == FULL;
  }
}
