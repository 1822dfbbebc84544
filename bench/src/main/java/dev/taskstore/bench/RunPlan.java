package dev.taskstore.bench;

import java.util.List;

/**
 * How many forks each benchmark runs, how long, and at which table sizes.
 *
 * <p>Every system of an operation runs once per <em>round</em>, in an order that rotates from round to round
 * (see {@link BenchMain}); each run is a fresh JMH fork with its own warm-up. The report gives the median of the
 * forks, their spread (lowest–highest) and the median of the per-round ratios, so that one fork that a busy
 * machine slowed down moves no figure.
 *
 * @param name {@code full}, {@code quick} or {@code dev}
 * @param forks rounds at the main size: forks of every system of an operation
 * @param warmupIterations warm-up iterations of a throughput benchmark, per fork
 * @param measurementIterations measured iterations of a throughput benchmark, per fork
 * @param iterationMillis length of one iteration
 * @param bulkWarmups warm-up shots of a bulk insert, per fork
 * @param bulkShots measured shots of a bulk insert, per fork
 * @param tasks the size of the main table's data set
 * @param scalingSizes the further sizes of the scaling table, ascending
 * @param scalingForks rounds at every size of the scaling table
 */
record RunPlan(String name, int forks, int warmupIterations, int measurementIterations, long iterationMillis,
    int bulkWarmups, int bulkShots, long tasks, List<Long> scalingSizes, int scalingForks) {

  /**
   * The committed report: three rounds at the main size, two at each size of the scaling table; about 13-14
   * minutes on two cores (about 200 forks of 3-4 s each).
   */
  static final RunPlan FULL = new RunPlan("full", 3, 2, 2, 600, 4, 5, 10_000, List.of(100_000L, 1_000_000L), 2);
  /** Proves that every benchmark still runs: one fork each, about a second; its figures mean nothing. */
  static final RunPlan QUICK = new RunPlan("quick", 1, 1, 1, 400, 1, 1, 10_000, List.of(20_000L), 1);

  /** For working on the library: the full run's rounds and timings at the main size only, no scaling table. */
  static final RunPlan DEV = new RunPlan("dev", 3, 2, 2, 600, 4, 5, 10_000, List.of(), 0);

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
    return new RunPlan(name, forks, warmupIterations, measurementIterations, millis, bulkWarmups, bulkShots, tasks,
        scalingSizes, scalingForks);
  }

  /** This plan with another number of rounds (forks per system); never {@link #FULL}. */
  RunPlan withForks(int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("bench.forks must be at least 1, was " + rounds);
    }
    return new RunPlan(name, rounds, warmupIterations, measurementIterations, iterationMillis, bulkWarmups,
        bulkShots, tasks, scalingSizes, Math.min(scalingForks, rounds));
  }

  /** Whether this plan's figures are worth reading. */
  boolean meaningful() {
    return this == FULL;
  }
}
