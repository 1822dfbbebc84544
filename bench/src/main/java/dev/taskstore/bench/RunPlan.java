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
 * @param pairedRounds further rounds at the main size of the operations with the single-row target
 *     ({@link Operation#paired()}), each a taskstore fork and a JDBC fork back to back
 * @param warmups warm-up iterations of a throughput benchmark, per fork
 * @param measurementIterations measured iterations of a throughput benchmark, per fork
 * @param iterationMillis length of one iteration
 * @param bulkWarmups warm-up shots of a bulk insert, per fork
 * @param bulkShots measured shots of a bulk insert, per fork
 * @param largeBulk rounds and shots of the million-row bulk insert ({@link Operation#large()})
 * @param tasks the size of the main table's data set
 * @param scalingSizes the further sizes of the scaling table, ascending
 * @param scalingForks rounds at every size of the scaling table
 */
record RunPlan(String name, int forks, int pairedRounds, Warmups warmups, int measurementIterations,
    long iterationMillis, int bulkWarmups, int bulkShots, LargeBulk largeBulk, long tasks, List<Long> scalingSizes,
    int scalingForks) {

  /**
   * Warm-up iterations of a throughput benchmark per fork, by what it does: a fork measures from a fresh JVM and
   * must first be done compiling.
   *
   * @param reads a benchmark that reads on one connection
   * @param writes one that writes ({@link Operation#writes()}): a write is slower, so it takes longer to make as
   *     many calls
   * @param concurrent one with many calls in flight ({@link Operation#oneConnection()} false): on 2 CPUs busy
   *     with 16 threads and 16 backends the JIT compiler gets little CPU
   */
  record Warmups(int reads, int writes, int concurrent) {}

  /**
   * The budget of the million-row bulk insert, apart from the other operations' because one shot takes 15-30 s:
   * a fork of 1 warm-up and 2 measured shots (each followed by the table's restore) takes about 1.5 minutes
   * (82-101 s measured on the shared 2-core machine).
   *
   * @param rounds forks of every system (0: the operation does not run)
   * @param warmups warm-up shots per fork
   * @param shots measured shots per fork
   */
  record LargeBulk(int rounds, int warmups, int shots) {}

  /** Two rounds of 1 warm-up and 2 measured shots: about 9 minutes for JDBC's two methods and taskstore. */
  static final LargeBulk LARGE_BULK = new LargeBulk(2, 1, 2);
  /** Quick mode (CI) never inserts a million rows: it must stay short. */
  static final LargeBulk NO_LARGE_BULK = new LargeBulk(0, 0, 0);

  /**
   * The committed report: three rounds at the main size, two at each size of the scaling table; about 210 forks
   * of 7-18 s each, plus the million-row bulk insert's 6 forks of about a minute, plus four paired rounds of the
   * six single-row operations with a target (48 forks of 7-18 s): about 50 minutes on two cores. The single-row
   * operations are within a few percent of JDBC, and a fork now and then lands 10-20 % off its system's median
   * when the machine is shared (bench/README.md, Method): seven rounds keep one such fork per system
   * from deciding the ratio.
   * Warm-ups as measured on this machine (bench/README.md, Method): a call on one connection reaches its speed
   * after some 40,000 calls, about 3 s of get-by-id and 8 s of insert-one; with 16 threads and 16 backends on 2
   * CPUs the JIT compiler gets little CPU, and throughput still climbs for about 12 s.
   */
  static final RunPlan FULL = new RunPlan("full", 3, 4, new Warmups(8, 14, 24), 2, 600, 4, 5, LARGE_BULK, 10_000,
      List.of(100_000L, 1_000_000L), 2);
  /** Proves that every benchmark still runs: one fork each, about a second; its figures mean nothing. */
  static final RunPlan QUICK = new RunPlan("quick", 1, 0, new Warmups(1, 1, 1), 1, 400, 1, 1, NO_LARGE_BULK, 10_000,
      List.of(20_000L), 1);

  /**
   * For working on the library: the full run's rounds, paired rounds and timings at the main size only, no scaling
   * table.
   */
  static final RunPlan DEV = new RunPlan("dev", FULL.forks(), FULL.pairedRounds(), FULL.warmups(),
      FULL.measurementIterations(), FULL.iterationMillis(), FULL.bulkWarmups(), FULL.bulkShots(), FULL.largeBulk(),
      FULL.tasks(), List.of(), 0);

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
    return new RunPlan(name, forks, pairedRounds, warmups, measurementIterations, millis, bulkWarmups, bulkShots,
        largeBulk, tasks, scalingSizes, scalingForks);
  }

  /** This plan with another number of rounds (forks per system); never {@link #FULL}. */
  RunPlan withForks(int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("bench.forks must be at least 1, was " + rounds);
    }
    return new RunPlan(name, rounds, pairedRounds, warmups, measurementIterations, iterationMillis, bulkWarmups,
        bulkShots, new LargeBulk(Math.min(largeBulk.rounds(), rounds), largeBulk.warmups(), largeBulk.shots()), tasks,
        scalingSizes, Math.min(scalingForks, rounds));
  }

  /** This plan with another number of paired rounds; never {@link #FULL}. */
  RunPlan withPairedRounds(int rounds) {
    if (rounds < 0) {
      throw new IllegalArgumentException("bench.pairedRounds must be at least 0, was " + rounds);
    }
    return new RunPlan(name, forks, rounds, warmups, measurementIterations, iterationMillis, bulkWarmups, bulkShots,
        largeBulk, tasks, scalingSizes, scalingForks);
  }

  /** Rounds of {@code op} at the main size: 0 when this plan leaves it out. */
  int rounds(Operation op) {
    return op.large() ? largeBulk.rounds() : forks;
  }

  /** Paired rounds of {@code op} at the main size, after its {@link #rounds}: taskstore and JDBC alone. */
  int pairedRounds(Operation op) {
    return op.paired() ? pairedRounds : 0;
  }

  /** Warm-up iterations (shots, for a bulk insert) of {@code op} per fork. */
  int warmups(Operation op) {
    return op.large() ? largeBulk.warmups() : op.bulk() ? bulkWarmups
        : !op.oneConnection() ? warmups.concurrent() : op.writes() ? warmups.writes() : warmups.reads();
  }

  /** Measured iterations (shots, for a bulk insert) of {@code op} per fork. */
  int measured(Operation op) {
    return op.large() ? largeBulk.shots() : op.bulk() ? bulkShots : measurementIterations;
  }

  /** Whether this plan's figures are worth reading. */
  boolean meaningful() {
    return this == FULL;
  }
}
