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
 * system property {@code bench.iterationMillis} replaces the mode's iteration length (and, like a method filter,
 * sends the report to {@code target/}).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws IOException {
    RunPlan plan = RunPlan.named(args.length > 0 ? args[0] : "full");
    String iterationMillis = System.getProperty("bench.iterationMillis", "");
    if (!iterationMillis.isBlank()) {
      plan = plan.withIterationMillis(Long.parseLong(iterationMillis.strip()));
    }
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
      List<Operation> main = selected(Operation.MAIN, only);
      List<Operation> scaling = selected(Operation.SCALING, only);
      Progress progress = new Progress(plan, main, scaling);
      JmhRun jmh = new JmhRun(plan, url);
      for (Operation op : main) {
        measure(plan, jmh, data, results, progress, op, plan.tasks(), twoPasses(plan, op), true);
      }
      long size = plan.tasks();
      for (long next : scaling.isEmpty() ? List.<Long>of() : plan.scalingSizes()) {
        data.grow(size, next);
        data.check(next);
        size = next;
        log("grew the task table to %,d rows", size);
        for (Operation op : scaling) {
          measure(plan, jmh, data, results, progress, op, size, false, false);
        }
      }

      Duration took = Duration.between(started, Instant.now());
      String report = new Report(plan, results, data.serverVersion(), data.settings(), started, took).markdown();
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println();
      System.out.println(report);
      log("wrote %s in %d min %d s", out, took.toMinutes(), took.toSecondsPart());
    }
  }

  private static List<Operation> selected(List<Operation> ops, Set<String> only) {
    return ops.stream().filter(o -> only.isEmpty() || (o.taskstore() != null && only.contains(o.taskstore()))
        || o.baseline().stream().anyMatch(only::contains)).toList();
  }

  /** Operations with a target run twice, in opposite orders, when the plan says so. */
  private static boolean twoPasses(RunPlan plan, Operation op) {
    return plan.interleaved() && op.target() > 0 && op.taskstore() != null;
  }

  /**
   * Measures an operation: the baseline, then taskstore, then (at the main size) the peers that run it; with two passes, then
   * taskstore and the baseline again, each pass with half the iterations, pooled.
   */
  private static void measure(RunPlan plan, JmhRun jmh, Dataset data, Results results, Progress progress,
      Operation op, long tasks, boolean twoPasses, boolean withPeers) {
    int iterations = op.bulk() ? plan.bulkShots() : plan.measurementIterations();
    if (twoPasses) {
      iterations /= 2;
    }
    for (String method : op.baseline()) {
      run(jmh, data, results, progress, op, JdbcBench.class, method, tasks, iterations);
    }
    if (op.taskstore() != null) {
      run(jmh, data, results, progress, op, TaskstoreBench.class, op.taskstore(), tasks, iterations);
    }
    // The peers run between the passes, each once with as many measured iterations as taskstore has in all.
    for (Class<?> peer : withPeers && op.peer().isPresent() ? Operation.PEERS : List.<Class<?>>of()) {
      run(jmh, data, results, progress, op, peer, op.peer().get(), tasks, twoPasses ? 2 * iterations : iterations);
    }
    if (twoPasses) {
      run(jmh, data, results, progress, op, TaskstoreBench.class, op.taskstore(), tasks, iterations);
      for (int i = op.baseline().size() - 1; i >= 0; i--) {
        run(jmh, data, results, progress, op, JdbcBench.class, op.baseline().get(i), tasks, iterations);
      }
    }
  }

  private static void run(JmhRun jmh, Dataset data, Results results, Progress progress, Operation op,
      Class<?> bench, String method, long tasks, int iterations) {
    long t0 = System.nanoTime();
    JmhRun.Measurement m = jmh.run(bench, method, tasks, op.rowsPerOp(), iterations);
    results.put(bench, method, tasks, m);
    if (op.writes()) {
      data.restore(tasks);
    }
    log("%s %-14s %-20s %,9d tasks: %,10.0f %s ± %5.1f%%, %,9.0f B/op, %,8.1f µs CPU/op (%.0f s)",
        progress.next(), bench.getSimpleName(), method, tasks, m.score(), op.unit(), 100 * m.error() / m.score(),
        m.bytesPerOp(), m.cpuMicrosPerOp(), (System.nanoTime() - t0) / 1e9);
  }

  static void log(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }

  /** Counts benchmarks run out of the plan's total. */
  private static final class Progress {
    private final int total;
    private int done;

    Progress(RunPlan plan, List<Operation> main, List<Operation> scaling) {
      int runs = 0;
      for (Operation op : main) {
        runs += runs(op) * (twoPasses(plan, op) ? 2 : 1) + (op.peer().isPresent() ? Operation.PEERS.size() : 0);
      }
      for (Operation op : scaling) {
        runs += runs(op) * plan.scalingSizes().size();
      }
      this.total = runs;
    }

    private static int runs(Operation op) {
      return op.baseline().size() + (op.taskstore() == null ? 0 : 1);
    }

    String next() {
      return String.format(Locale.ROOT, "[%2d/%d]", ++done, total);
    }
  }
}
