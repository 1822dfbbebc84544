package dev.taskstore.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The latencies of the asynchronous calls of one iteration (from the call's start to its completion), recorded
 * without allocating: a preallocated array and a counter. {@link LatencyProfiler} clears it before every
 * iteration and reads its percentiles after. Calls beyond the array's capacity are counted but not kept.
 */
final class Latencies {

  private static final long[] NANOS = new long[1 << 20];
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Latencies() {}

  static void record(long nanos) {
    int i = COUNT.getAndIncrement();
    if (i < NANOS.length) {
      NANOS[i] = nanos;
    }
  }

  static void reset() {
    COUNT.set(0);
  }

  /** The calls recorded since {@link #reset()}, at most the capacity. */
  static int count() {
    return Math.min(COUNT.get(), NANOS.length);
  }

  /** The given percentiles (0..100) of the recorded latencies, in microseconds; empty when none was recorded. */
  static double[] percentilesMicros(double... percentiles) {
    int n = count();
    if (n == 0) {
      return new double[0];
    }
    long[] sorted = Arrays.copyOf(NANOS, n);
    Arrays.sort(sorted);
    double[] out = new double[percentiles.length];
    for (int i = 0; i < percentiles.length; i++) {
      int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(percentiles[i] / 100.0 * n) - 1));
      out[i] = sorted[index] / 1000.0;
    }
    return out;
  }
}
