package dev.taskstore.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one benchmark method in one forked JVM that connects to the harness's server, with JMH's allocation
 * profiler, and reads back its figure.
 */
final class JmhRun {

  /** The heap of every benchmark JVM: fixed, so that heap resizing does not show in the figures. */
  static final List<String> FORK_JVM_ARGS = List.of("-Xms1g", "-Xmx1g");

  private final RunPlan plan;
  private final String url;

  JmhRun(RunPlan plan, String url) {
    this.plan = plan;
    this.url = url;
  }

  /**
   * One measurement.
   *
   * @param score operations (or rows) per second
   * @param error the half-width of JMH's 99.9% confidence interval, same unit, NaN when JMH gives none
   * @param bytesPerOp bytes allocated per call (all threads of the benchmark JVM), NaN when not measured
   * @param cpuMicrosPerOp CPU time of the benchmark JVM per call, NaN when not measured
   */
  record Measurement(double score, double error, double bytesPerOp, double cpuMicrosPerOp) {}

  /** Runs {@code benchClass.method} against {@code tasks} rows. */
  Measurement run(Class<?> benchClass, String method, long tasks, int rowsPerOp) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + benchClass.getName().replace(".", "\\.") + "\\." + method + "$")
        .forks(1)
        .jvmArgs(jvmArgs(tasks))
        .addProfiler(GCProfiler.class)
        .addProfiler(CpuProfiler.class)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
    // For finding out why: e.g. -Dbench.profiler=jfr:dir=target/jfr, or stack (printed with JMH's own output).
    String profiler = System.getProperty("bench.profiler", "");
    if (!profiler.isBlank()) {
      int colon = profiler.indexOf(':');
      options.addProfiler(colon < 0 ? profiler : profiler.substring(0, colon), colon < 0 ? "" : profiler.substring(colon + 1))
          .verbosity(VerboseMode.NORMAL);
    }
    if (rowsPerOp > 1) {
      options.warmupIterations(plan.bulkWarmups()).measurementIterations(plan.bulkShots());
    } else {
      TimeValue iteration = TimeValue.milliseconds(plan.iterationMillis());
      options.warmupIterations(plan.warmupIterations()).warmupTime(iteration)
          .measurementIterations(plan.measurementIterations()).measurementTime(iteration);
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("benchmark " + benchClass.getSimpleName() + "." + method + " failed", e);
    }
    if (results.size() != 1) {
      throw new IllegalStateException("expected one result for " + method + ", got " + results.size());
    }
    RunResult result = results.iterator().next();
    Result<?> primary = result.getPrimaryResult();
    double bytes = Double.NaN;
    double cpu = Double.NaN;
    for (Map.Entry<String, Result> e : result.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        bytes = e.getValue().getScore();
      } else if (e.getKey().endsWith(CpuProfiler.RESULT)) {
        cpu = e.getValue().getScore();
      }
    }
    if (rowsPerOp > 1) {
      // Single shots in ms per call: turn into rows per second, and the interval with it.
      double ms = primary.getScore();
      double rowsPerSecond = rowsPerOp * 1000.0 / ms;
      double err = primary.getScoreError();
      double error = Double.isNaN(err) || err >= ms ? Double.NaN : rowsPerOp * 1000.0 / (ms - err) - rowsPerSecond;
      return new Measurement(rowsPerSecond, error, bytes, cpu);
    }
    return new Measurement(primary.getScore(), primary.getScoreError(), bytes, cpu);
  }

  private String[] jvmArgs(long tasks) {
    List<String> args = new java.util.ArrayList<>(FORK_JVM_ARGS);
    args.add("-Dbench.url=" + url);
    args.add("-Dbench.tasks=" + tasks);
    args.add("-Dbench.iterationMillis=" + plan.iterationMillis());
    return args.toArray(String[]::new);
  }
}
