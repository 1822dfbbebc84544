package dev.taskstore.bench;

import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark harness: starts one embedded PostgreSQL 17, applies taskstore's migrations, seeds the data set,
 * runs every benchmark (each in its own JMH fork, which connects to this server), grows the table for the
 * scaling table, and writes the report.
 *
 * <p>Arguments: the mode ({@code full} writes {@code results/latest.md}; {@code quick} and {@code dev} write
 * {@code target/bench-MODE.md}, see {@link RunPlan}), the bench module's directory, and optionally the benchmark
 * methods to run (comma-separated; {@code all} by default), which also sends the report to {@code target/}. The
 * system properties {@code bench.iterationMillis}, {@code bench.forks} and {@code bench.pairedRounds} replace the
 * mode's iteration length, number of rounds and number of paired rounds (and, like a method filter, send the
 * report to {@code target/}).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws IOException {
    RunPlan plan = plan(args.length > 0 ? args[0] : "full");
    Path moduleDir = Path.of(args.length > 1 ? args[1] : "bench");
    Set<String> only = args.length > 2 && !args[2].isBlank() && !args[2].equals("all")
        ? Set.of(args[2].split(",")) : Set.of();
    Path out = plan.meaningful() && only.isEmpty() ? moduleDir.resolve("results/latest.md")
        : moduleDir.resolve("target/bench-" + plan.name() + ".md");
    Instant started = Instant.now();

    try (EmbeddedDatabase server = EmbeddedDatabase.start()) {
      String url = server.jdbcUrl();
      try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(url).migrateOnOpen(true).build())) {
        log("migrated a fresh embedded PostgreSQL on port %d", server.port());
      }
      Dataset data = new Dataset(url);
      data.seed(plan.tasks());
      data.check(plan.tasks());
      log("seeded %,d users and %,d tasks; mode %s", Dataset.USERS, plan.tasks(), plan.name());

      Results results = new Results();
      // Quick mode leaves the million-row insert out (0 rounds), even when -Dbench.only names it.
      List<Operation> main = selected(Operation.MAIN, only).stream().filter(op -> plan.rounds(op) > 0).toList();
      List<Operation> scaling = selected(Operation.SCALING, only);
      Progress progress = new Progress(plan, main, scaling);
      log("%d forks to run (forks per system: %d at %,d tasks and %d paired rounds where the single-row target "
          + "applies, %d for the million-row insert, %d at each further size)", progress.total, plan.forks(),
          plan.tasks(), plan.pairedRounds(), plan.largeBulk().rounds(), plan.scalingForks());
      Placement placement = Placement.of(url, moduleDir.resolve("target"));
      JmhRun jmh = new JmhRun(plan, url, placement);
      for (Operation op : main) {
        measure(jmh, data, results, progress, op, plan.tasks(), plan.rounds(op), plan.pairedRounds(op), true);
      }
      long size = plan.tasks();
      for (long next : scaling.isEmpty() ? List.<Long>of() : plan.scalingSizes()) {
        data.grow(size, next);
        data.check(next);
        size = next;
        log("grew the task table to %,d rows", size);
        for (Operation op : scaling) {
          measure(jmh, data, results, progress, op, size, plan.scalingForks(), 0, false);
        }
      }

      Duration took = Duration.between(started, Instant.now());
      String report = new Report(plan, results, data.serverVersion(), data.settings(), started, took)
          .placement(placement == null ? null : placement.describe()).markdown();
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println();
      System.out.println(report);
      log("wrote %s in %d min %d s", out, took.toMinutes(), took.toSecondsPart());
    }
  }

  /** The mode's plan with the iteration length and rounds of {@code bench.iterationMillis} and {@code bench.forks}. */
  private static RunPlan plan(String mode) {
    RunPlan plan = RunPlan.named(mode);
    String iterationMillis = System.getProperty("bench.iterationMillis", "");
    if (!iterationMillis.isBlank()) {
      plan = plan.withIterationMillis(Long.parseLong(iterationMillis.strip()));
    }
    String forks = System.getProperty("bench.forks", "");
    if (!forks.isBlank()) {
      plan = plan.withForks(Integer.parseInt(forks.strip()));
    }
    String paired = System.getProperty("bench.pairedRounds", "");
    if (!paired.isBlank()) {
      plan = plan.withPairedRounds(Integer.parseInt(paired.strip()));
    }
    return plan;
  }

  private static List<Operation> selected(List<Operation> ops, Set<String> only) {
    return ops.stream().filter(o -> only.isEmpty() || (o.taskstore() != null && only.contains(o.taskstore()))
        || o.baseline().stream().anyMatch(only::contains)).toList();
  }

  /**
   * Measures an operation in {@code rounds} rounds: every round runs each of its systems once, each in a fresh
   * fork, in an order that rotates by one from round to round (round 1: JDBC, taskstore, jOOQ, JDBI; round 2:
   * taskstore, jOOQ, JDBI, JDBC; …), so that neither a system's place in the round nor the machine's drift
   * during the run favours one system. The peers run at the main size only. Then {@code pairedRounds} rounds
   * of taskstore and JDBC alone, back to back, JDBC first in every other one; their forks follow the others in
   * each system's series, so that a ratio to a peer compares the rounds both ran.
   */
  private static void measure(JmhRun jmh, Dataset data, Results results, Progress progress, Operation op,
      long tasks, int rounds, int pairedRounds, boolean withPeers) {
    List<Operation.Entry> entries = op.entries(withPeers);
    try (Dataset.Stripped schema = data.strip(op.schema(), tasks)) {
      for (int round = 0; round < rounds; round++) {
        for (Operation.Entry entry : rotated(entries, round)) {
          run(jmh, data, results, progress, op, entry, tasks);
        }
      }
      for (int round = 0; round < pairedRounds; round++) {
        for (Operation.Entry entry : rotated(op.pairedEntries(), round)) {
          run(jmh, data, results, progress, op, entry, tasks);
        }
      }
    }
  }

  /** The systems in the order of round {@code round} (from 0): the list rotated left by {@code round}. */
  static <T> List<T> rotated(List<T> systems, int round) {
    List<T> order = new java.util.ArrayList<>(systems.size());
    for (int i = 0; i < systems.size(); i++) {
      order.add(systems.get((i + round) % systems.size()));
    }
    return order;
  }

  private static void run(JmhRun jmh, Dataset data, Results results, Progress progress, Operation op,
      Operation.Entry entry, long tasks) {
    long t0 = System.nanoTime();
    JmhRun.Measurement m = jmh.run(entry.bench(), entry.method(), tasks, op.rowsPerOp(), jmh.plan().warmups(op),
        jmh.plan().measured(op), op.oneConnection());
    results.put(op, entry, tasks, m);
    if (op.writes()) {
      data.restore(tasks);
    }
    String latency = Double.isNaN(m.p50Micros()) ? ""
        : String.format(Locale.ROOT, ", p50 %,.0f µs, p99 %,.0f µs", m.p50Micros(), m.p99Micros());
    log("%s %-14s %-20s %,9d tasks: %,10.0f %s, %,9.0f B/op, %,8.1f µs CPU/op%s%s (%.0f s)",
        progress.next(), entry.bench().getSimpleName(), entry.method(), tasks, m.score(), op.unit(),
        m.bytesPerOp(), m.cpuMicrosPerOp(), latency, op.schema() == Operation.Schema.FULL ? "" : " [" + op.schema() + "]",
        (System.nanoTime() - t0) / 1e9);
  }

  static void log(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }

  /** Counts forks run out of the plan's total. */
  private static final class Progress {
    private final int total;
    private int done;

    Progress(RunPlan plan, List<Operation> main, List<Operation> scaling) {
      int runs = 0;
      for (Operation op : main) {
        runs += op.entries(true).size() * plan.rounds(op) + 2 * plan.pairedRounds(op);
      }
      for (Operation op : scaling) {
        runs += op.entries(false).size() * plan.scalingForks() * plan.scalingSizes().size();
      }
      this.total = runs;
    }

    String next() {
      return String.format(Locale.ROOT, "[%3d/%d]", ++done, total);
    }
  }
}
