package dev.taskstore.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every measurement of a run, by benchmark class, method and table size. */
final class Results {

  private final Map<String, JmhRun.Measurement> byKey = new HashMap<>();

  void put(Class<?> bench, String method, long tasks, JmhRun.Measurement m) {
    byKey.put(key(bench, method, tasks), m);
  }

  Optional<JmhRun.Measurement> get(Class<?> bench, String method, long tasks) {
    return Optional.ofNullable(byKey.get(key(bench, method, tasks)));
  }

  /** The baseline's best alternative for an operation, with its method name. */
  Optional<Map.Entry<String, JmhRun.Measurement>> bestBaseline(Operation op, long tasks) {
    Map.Entry<String, JmhRun.Measurement> best = null;
    for (String method : op.baseline()) {
      JmhRun.Measurement m = byKey.get(key(JdbcBench.class, method, tasks));
      if (m != null && (best == null || m.score() > best.getValue().score())) {
        best = Map.entry(method, m);
      }
    }
    return Optional.ofNullable(best);
  }

  private static String key(Class<?> bench, String method, long tasks) {
    return bench.getSimpleName() + "." + method + "@" + tasks;
  }
}
