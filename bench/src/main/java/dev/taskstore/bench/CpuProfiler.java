package dev.taskstore.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the benchmark JVM spent per call (all its threads: the callers, GC, JIT, the pool's housekeeping).
 * Unlike throughput, this hardly moves when other processes compete for the CPUs, so it shows the client-side
 * cost of each system even on a busy machine. The server's CPU is not in it.
 */
public final class CpuProfiler implements InternalProfiler {

  /** The name of the secondary result. */
  static final String RESULT = "cpu.time.norm";

  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long before;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0) {
      return List.of();
    }
    double perOp = (os.getProcessCpuTime() - before) / (double) ops / 1000.0;
    return List.of(new ScalarResult(RESULT, perOp, "us/op", AggregationPolicy.AVG));
  }
}
