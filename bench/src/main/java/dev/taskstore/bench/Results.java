package dev.taskstore.bench;

import dev.taskstore.bench.JmhRun.Measurement;
import dev.taskstore.bench.Operation.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Every measurement of a run: per operation, system and table size, one {@link Measurement} per round (fork), in
 * the order of the rounds, so that the systems of one round can be compared with each other.
 */
final class Results {

  private final Map<String, List<Measurement>> byKey = new HashMap<>();

  /** Records the next round's fork of this system. */
  void put(Operation op, Entry entry, long tasks, Measurement m) {
    byKey.computeIfAbsent(key(op, entry.key(), tasks), k -> new ArrayList<>()).add(m);
  }

  /** The forks of one system, round by round. */
  Optional<Series> get(Operation op, Entry entry, long tasks) {
    return Optional.ofNullable(byKey.get(key(op, entry.key(), tasks))).map(Series::new);
  }

  /** The forks of the system named {@code system} (taskstore, a peer's name, or an extra's). */
  Optional<Series> get(Operation op, String system, long tasks) {
    return op.entries(true).stream().filter(e -> e.system().equals(system)).findFirst()
        .flatMap(e -> get(op, e, tasks));
  }

  /**
   * The baseline, round by round the fastest of its alternatives, with the alternative that was fastest in most
   * rounds.
   */
  Optional<Map.Entry<String, Series>> bestBaseline(Operation op, long tasks) {
    List<List<Measurement>> alternatives = new ArrayList<>();
    for (String method : op.baseline()) {
      List<Measurement> forks = byKey.get(key(op, new Entry(Operation.JDBC, JdbcBench.class, method).key(), tasks));
      if (forks != null) {
        alternatives.add(forks);
      }
    }
    if (alternatives.isEmpty()) {
      return Optional.empty();
    }
    int rounds = alternatives.stream().mapToInt(List::size).min().orElse(0);
    List<Measurement> best = new ArrayList<>();
    int[] wins = new int[alternatives.size()];
    for (int r = 0; r < rounds; r++) {
      int w = 0;
      for (int a = 1; a < alternatives.size(); a++) {
        if (alternatives.get(a).get(r).score() > alternatives.get(w).get(r).score()) {
          w = a;
        }
      }
      wins[w]++;
      best.add(alternatives.get(w).get(r));
    }
    int winner = 0;
    for (int a = 1; a < wins.length; a++) {
      if (wins[a] > wins[winner]) {
        winner = a;
      }
    }
    return Optional.of(Map.entry(op.baseline().get(winner), new Series(best)));
  }

  private static String key(Operation op, String entry, long tasks) {
    return op.label() + "|" + op.schema() + "|" + entry + "@" + tasks;
  }

  /** One system's forks, round by round. */
  record Series(List<Measurement> forks) {

    double median() {
      return Stats.median(values(Measurement::score));
    }

    double min() {
      return Arrays.stream(values(Measurement::score)).min().orElse(Double.NaN);
    }

    double max() {
      return Arrays.stream(values(Measurement::score)).max().orElse(Double.NaN);
    }

    double bytesPerOp() {
      return Stats.median(values(Measurement::bytesPerOp));
    }

    double cpuMicrosPerOp() {
      return Stats.median(values(Measurement::cpuMicrosPerOp));
    }

    double p50Micros() {
      return Stats.median(values(Measurement::p50Micros));
    }

    double p99Micros() {
      return Stats.median(values(Measurement::p99Micros));
    }

    int size() {
      return forks.size();
    }

    /**
     * This series ÷ {@code other}, round by round: the median of the per-round ratios and their lowest and
     * highest. A fork slowed down by the machine moves one round's ratio, not the median.
     */
    double[] ratioTo(Series other) {
      int rounds = Math.min(forks.size(), other.forks.size());
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = forks.get(r).score() / other.forks.get(r).score();
      }
      return new double[] {Stats.median(ratios), Arrays.stream(ratios).min().orElse(Double.NaN),
          Arrays.stream(ratios).max().orElse(Double.NaN)};
    }

    private double[] values(ToDoubleFunction<Measurement> f) {
      return forks.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray();
    }
  }

  /** Medians. */
  static final class Stats {
    private Stats() {}

    /** The median of the values (the mean of the middle two for an even count); NaN when there are none. */
    static double median(double[] values) {
      if (values.length == 0) {
        return Double.NaN;
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int mid = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
  }
}
