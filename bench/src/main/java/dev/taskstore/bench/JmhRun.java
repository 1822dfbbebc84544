package dev.taskstore.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs one benchmark method in one forked JVM that connects to the harness's server, with JMH's allocation
 * profiler and our CPU and latency profilers, and reads back its figures.
 */
final class JmhRun {

  /**
   * The options of every benchmark JVM. The heap is fixed, so that heap resizing does not show in the figures.
   * The loop of JMH's generated stub, entered once per iteration, gets compiled only by on-stack replacement,
   * by default after some 60,000 calls: at 5,000-14,000 calls a second that fell at the end of the warm-up or
   * inside the measurement, and the methods the stub then called directly were compiled again while measured
   * (get-or-create: 260-540 ms of compiling in each 600 ms iteration, 47-57 µs of CPU a call instead of 24).
   * After 5,000 calls it happens early in the warm-up, for every system alike (bench/README.md, Method).
   */
  static final List<String> FORK_JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:Tier3BackEdgeThreshold=5000");

  private final RunPlan plan;
  private final String url;
  private final Placement placement;

  /** Runs against the server at {@code url}; {@code placement} null: no fork or server pinned. */
  JmhRun(RunPlan plan, String url, Placement placement) {
    this.plan = plan;
    this.url = url;
    this.placement = placement;
  }

  RunPlan plan() {
    return plan;
  }

  /**
   * The measured iterations of one fork of a benchmark.
   *
   * @param samples the primary score of every measured iteration: operations per second (for sampled
   *     benchmarks, one second divided by the mean time per call), or milliseconds per call for single-shot bulk
   *     inserts
   * @param rowsPerOp rows per call; above 1 the samples are milliseconds per call
   * @param bytesPerOp bytes allocated per call (all threads of the benchmark JVM), NaN when not measured
   * @param cpuMicrosPerOp CPU time of the benchmark JVM per call, NaN when not measured
   * @param p50Micros the median latency of a call in microseconds, NaN when not measured
   * @param p99Micros the 99th percentile latency of a call in microseconds, NaN when not measured
   */
  record Measurement(List<Double> samples, int rowsPerOp, double bytesPerOp, double cpuMicrosPerOp,
      double p50Micros, double p99Micros) {

    /** Operations (or rows) per second: the mean of the fork's iterations. */
    double score() {
      double mean = stats().getMean();
      return rowsPerOp > 1 ? rowsPerOp * 1000.0 / mean : mean;
    }

    private ListStatistics stats() {
      ListStatistics s = new ListStatistics();
      samples.forEach(s::addValue);
      return s;
    }
  }

  /**
   * Runs {@code benchClass.method} against {@code tasks} rows: {@code warmups} warm-up iterations, then
   * {@code iterations} measured ones (single shots when {@code rowsPerOp} is above 1); a benchmark on
   * {@code oneConnection} runs pinned ({@link Placement}).
   */
  Measurement run(Class<?> benchClass, String method, long tasks, int rowsPerOp, int warmups, int iterations,
      boolean oneConnection) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + benchClass.getName().replace(".", "\\.") + "\\." + method + "$")
        .forks(1)
        .jvmArgs(jvmArgs(tasks))
        // JMH ends an iteration's profilers in the reverse order of these lines: the latency profiler sorts its
        // samples last, after the allocation and CPU profilers have taken their readings.
        .addProfiler(LatencyProfiler.class)
        .addProfiler(GCProfiler.class)
        .addProfiler(CpuProfiler.class)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
    Path jvm = placement == null ? null : placement.prepare(oneConnection);
    if (jvm != null) {
      options.jvm(jvm.toString()); // a launcher that pins the fork to its CPUs
    }
    // For finding out why: e.g. -Dbench.profiler=jfr:dir=target/jfr, or stack (printed with JMH's own output).
    String profiler = System.getProperty("bench.profiler", "");
    if (!profiler.isBlank()) {
      int colon = profiler.indexOf(':');
      options.addProfiler(colon < 0 ? profiler : profiler.substring(0, colon), colon < 0 ? "" : profiler.substring(colon + 1))
          .verbosity(VerboseMode.NORMAL);
    }
    if (rowsPerOp > 1) {
      options.warmupIterations(warmups).measurementIterations(iterations);
    } else {
      TimeValue iteration = TimeValue.milliseconds(plan.iterationMillis());
      options.warmupIterations(warmups).warmupTime(iteration)
          .measurementIterations(iterations).measurementTime(iteration);
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
    boolean sampled = result.getParams().getMode() == Mode.SampleTime;
    List<Double> samples = new ArrayList<>();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        double score = iteration.getPrimaryResult().getScore();
        // A sampled benchmark's score is the mean time per call in microseconds: as calls per second it stands
        // beside the throughput benchmarks.
        samples.add(sampled ? 1e6 / score : score);
      }
    }
    double bytes = Double.NaN;
    double cpu = Double.NaN;
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    if (sampled) {
      p50 = result.getPrimaryResult().getStatistics().getPercentile(50);
      p99 = result.getPrimaryResult().getStatistics().getPercentile(99);
    }
    for (Map.Entry<String, Result> e : result.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        bytes = e.getValue().getScore();
      } else if (e.getKey().endsWith(CpuProfiler.RESULT)) {
        cpu = e.getValue().getScore();
      } else if (e.getKey().endsWith(LatencyProfiler.P50)) {
        p50 = e.getValue().getScore();
      } else if (e.getKey().endsWith(LatencyProfiler.P99)) {
        p99 = e.getValue().getScore();
      }
    }
    return new Measurement(List.copyOf(samples), rowsPerOp, bytes, cpu, p50, p99);
  }

  private String[] jvmArgs(long tasks) {
    List<String> args = new ArrayList<>(FORK_JVM_ARGS);
    args.add("-Dbench.url=" + url);
    args.add("-Dbench.tasks=" + tasks);
    return args.toArray(String[]::new);
  }
}
