package dev.taskstore.bench;

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
 * The p50 and p99 latency of the asynchronous calls of each iteration ({@link Latencies}), as secondary results;
 * JMH averages them over the fork's iterations. Benchmarks that record nothing get no such results.
 */
public final class LatencyProfiler implements InternalProfiler {

  static final String P50 = "latency.p50";
  static final String P99 = "latency.p99";

  @Override
  public String getDescription() {
    return "p50 and p99 latency of asynchronous calls";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    Latencies.reset();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    double[] p = Latencies.percentilesMicros(50, 99);
    if (p.length == 0) {
      return List.of();
    }
    return List.of(new ScalarResult(P50, p[0], "us", AggregationPolicy.AVG),
        new ScalarResult(P99, p[1], "us", AggregationPolicy.AVG));
  }
}
