package dev.taskstore.bench;

import dev.taskstore.ConnectionException;
import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.Page;
import dev.taskstore.RetryableException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TaskUpdate;
import dev.taskstore.async.AsyncTaskStore;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The soak run of issue 18: one durable embedded server on a kept data directory, ONE {@link TaskStore}, and
 * 16 threads of mixed blocking and async calls for a long time, while the server is restarted every few minutes
 * (cleanly, or every other time with SIGKILL to all its processes). Every acknowledged write goes to a
 * per-thread journal on disk (not the heap: the heap samples must show the store's memory, not the ledger's);
 * a write whose call failed with {@link ConnectionException} or {@link RetryableException} has an unknown
 * outcome and is journalled as such. At the end the journals are replayed against the table: no acknowledged
 * write lost, no unknown write half-applied.
 *
 * <p>{@code java ... dev.taskstore.bench.Soak DURATION BASEDIR [RESTART_EVERY]}, e.g. {@code 30m /path/bench}:
 * writes {@code BASEDIR/results/soak.md} (or {@code BASEDIR/target/soak.md} for runs shorter than 30 minutes)
 * and exits 1 when a write was lost, a read saw wrong content or a call failed unexpectedly.
 */
public final class Soak {

  /** What one run does. */
  record Settings(Duration duration, Duration restartEvery, Duration sampleEvery, int threads, Path workDir) {}

  /** One restart of the server. */
  record Restart(int number, boolean kill, Instant at, long stopMillis, long startMillis, int poolBefore,
      int serverBefore, int poolAfter, int serverAfter, long backToSteadyMillis) {}

  /** One heap sample after a full GC. */
  record HeapSample(long secondsIn, long usedBytes) {}

  /** What a run found. */
  record Result(Settings settings, long elapsedMillis, Map<String, Long> calls, Map<String, Long> restartFailures,
      Map<String, Long> unexpectedByKind, List<String> unexpectedSamples, long acknowledgedWrites,
      long unknownWrites, long rowsChecked, List<String> lost, List<String> halfApplied, long readMismatches,
      List<Restart> restarts, List<HeapSample> heap, int steadyConnections) {

    boolean heapFlat() {
      if (heap.size() < 2) {
        return true;
      }
      long first = heap.get(0).usedBytes();
      long last = heap.get(heap.size() - 1).usedBytes();
      return last - first < HEAP_GROWTH_LIMIT;
    }

    boolean connectionsBack() {
      return restarts.stream().allMatch(r -> r.backToSteadyMillis() >= 0);
    }

    boolean passed() {
      return lost.isEmpty() && halfApplied.isEmpty() && readMismatches == 0 && unexpectedByKind.isEmpty();
    }
  }

  /** Growth of the heap after GC between the first and the last sample that still counts as flat. */
  static final long HEAP_GROWTH_LIMIT = 32L << 20;
  private static final String POOL = "soak";
  private static final int ACTIVE_ROWS_PER_THREAD = 400;

  private final Settings settings;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> restartFailures = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> unexpectedSamples = new ConcurrentLinkedQueue<>();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder unknown = new LongAdder();
  private final LongAdder readMismatches = new LongAdder();
  private final AtomicBoolean running = new AtomicBoolean(true);

  Soak(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    Duration duration = parse(args.length > 0 ? args[0] : "30m");
    Path base = Path.of(args.length > 1 ? args[1] : ".");
    Duration restartEvery = args.length > 2 ? parse(args[2]) : Duration.ofMinutes(5);
    Settings s = new Settings(duration, restartEvery, Duration.ofMinutes(1), 16, base.resolve("target/soak"));
    Result r = new Soak(s).run();
    Path report = duration.compareTo(Duration.ofMinutes(30)) >= 0
        ? base.resolve("results/soak.md") : base.resolve("target/soak.md");
    Files.createDirectories(report.getParent());
    Files.writeString(report, markdown(r));
    System.out.println(markdown(r));
    System.out.println("report: " + report);
    System.exit(r.passed() ? 0 : 1);
  }

  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("duration must end in s, m or h: " + text);
    };
  }

  Result run() throws Exception {
    Path dataDirectory = settings.workDir().resolve("pgdata");
    deleteTree(settings.workDir());
    Files.createDirectories(settings.workDir());
    int port = freePort();
    EmbeddedDatabase server = EmbeddedDatabase.start(dataDirectory, port);
    String url = server.jdbcUrl();
    TaskStoreConfig config = TaskStoreConfig.builder().url(url).poolName(POOL)
        .maximumPoolSize(settings.threads()).minimumIdle(2)
        .connectionTimeout(Duration.ofSeconds(1)).validationTimeout(Duration.ofMillis(500))
        .build();
    List<Restart> restarts = new ArrayList<>();
    List<HeapSample> heap = new ArrayList<>();
    long t0 = System.nanoTime();
    int steady;
    try (TaskStore store = TaskStore.open(config)) {
      store.migrate();
      List<Thread> workers = new ArrayList<>();
      for (int w = 0; w < settings.threads(); w++) {
        int worker = w;
        Thread t = new Thread(() -> work(store, worker), "soak-" + w);
        t.setDaemon(true); // a failure of the main thread ends the run
        t.start();
        workers.add(t);
      }
      long end = t0 + settings.duration().toNanos();
      long nextRestart = t0 + settings.restartEvery().toNanos();
      long nextSample = t0 + settings.sampleEvery().toNanos();
      steady = -1;
      int poolSteady = -1;
      int number = 0;
      while (System.nanoTime() < end) {
        long now = System.nanoTime();
        long next = Math.min(end, Math.min(nextRestart, nextSample));
        if (next > now) {
          TimeUnit.NANOSECONDS.sleep(next - now);
          continue;
        }
        if (now >= nextSample) {
          heap.add(new HeapSample(TimeUnit.NANOSECONDS.toSeconds(now - t0), heapAfterGc()));
          log("heap after GC: %d MB", heap.get(heap.size() - 1).usedBytes() >> 20);
          nextSample += settings.sampleEvery().toNanos();
        }
        if (now >= nextRestart && nextRestart < end - Duration.ofSeconds(5).toNanos()) {
          number++;
          int poolBefore = store.poolStats().total();
          int serverBefore = serverConnections(url);
          if (steady < 0) {
            steady = serverBefore;
            poolSteady = poolBefore;
          }
          boolean kill = number % 2 == 0;
          Instant at = Instant.now();
          long s0 = System.nanoTime();
          if (kill) {
            killAll(dataDirectory);
          }
          server.close(); // after a kill, this only releases the data directory
          long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0);
          long s1 = System.nanoTime();
          server = EmbeddedDatabase.start(dataDirectory, port);
          long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s1);
          long backAt = System.nanoTime();
          Duration settle = settings.restartEvery().compareTo(Duration.ofSeconds(30)) < 0
              ? settings.restartEvery().dividedBy(2) : Duration.ofSeconds(10);
          // How long until both the pool and the server count the steady number of connections again.
          long back = -1;
          long limit = backAt + Duration.ofSeconds(60).toNanos();
          while (System.nanoTime() < limit && System.nanoTime() < end) {
            if (store.poolStats().total() == poolSteady && serverConnections(url) == steady) {
              back = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backAt);
              break;
            }
            Thread.sleep(100);
          }
          long settleLeft = backAt + settle.toNanos() - System.nanoTime();
          if (settleLeft > 0) {
            TimeUnit.NANOSECONDS.sleep(settleLeft);
          }
          int poolAfter = store.poolStats().total();
          int serverAfter = serverConnections(url);
          Restart r = new Restart(number, kill, at, stopMillis, startMillis, poolBefore, serverBefore, poolAfter,
              serverAfter, back);
          restarts.add(r);
          log("restart %d (%s): stop %d ms, start %d ms; connections pool/server %d/%d before, %d/%d %d s after, "
              + "back to %d after %d ms", number, kill ? "SIGKILL" : "clean", stopMillis, startMillis, poolBefore,
              serverBefore, poolAfter, serverAfter, settle.toSeconds(), steady, back);
          nextRestart += settings.restartEvery().toNanos();
        } else if (now >= nextRestart) {
          nextRestart = Long.MAX_VALUE;
        }
      }
      running.set(false);
      for (Thread t : workers) {
        t.join(TimeUnit.MINUTES.toMillis(2));
      }
      heap.add(new HeapSample(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), heapAfterGc()));
      if (steady < 0) {
        steady = serverConnections(url);
      }
    }
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    try {
      return verify(url, elapsed, restarts, heap, steady);
    } finally {
      server.close();
    }
  }

  // ---- the workers ------------------------------------------------------------------------------------------

  /** A row this thread created and alone changes, with what the last acknowledged write left in it. */
  private static final class Row {
    final long id;
    String title;
    long version;

    Row(TaskRead t) {
      this.id = t.id();
      this.title = t.title();
      this.version = t.version();
    }
  }

  private void work(TaskStore store, int worker) {
    Random random = new Random(worker * 7919L);
    List<Row> rows = new ArrayList<>();
    Path journalFile = settings.workDir().resolve("journal-" + worker + ".txt");
    try (BufferedWriter journal = Files.newBufferedWriter(journalFile, StandardCharsets.UTF_8)) {
      for (long seq = 0; running.get(); seq++) {
        String title = "s" + worker + "-" + seq;
        boolean async = random.nextBoolean();
        int dice = random.nextInt(100);
        if (rows.isEmpty() && dice >= 38 && dice < 78) {
          dice = 0;
        }
        if (rows.size() >= ACTIVE_ROWS_PER_THREAD && dice < 38) {
          dice = 60;
        }
        String kind = dice < 20 ? "create" : dice < 28 ? "createAll" : dice < 38 ? "transaction"
            : dice < 48 ? "update" : dice < 56 ? "updateVersioned" : dice < 64 ? "delete"
            : dice < 78 ? "get" : dice < 90 ? "list" : "count";
        String key = kind + (async ? " (async)" : "");
        calls.computeIfAbsent(key, k -> new LongAdder()).increment();
        Row row = rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()));
        try {
          switch (kind) {
            case "create" -> {
              TaskBase base = TaskBase.of(title);
              TaskRead t = async ? store.async().tasks().create(base).get() : store.tasks().create(base);
              journal.write("C " + t.id() + " " + title + "\n");
              acknowledged.increment();
              rows.add(new Row(t));
            }
            case "createAll" -> {
              List<TaskBase> bases = List.of(TaskBase.of(title + "a"), TaskBase.of(title + "b"),
                  TaskBase.of(title + "c"));
              List<Long> ids = async ? store.async().tasks().createAll(bases).get()
                  : store.tasks().createAll(bases);
              for (int i = 0; i < ids.size(); i++) {
                journal.write("C " + ids.get(i) + " " + bases.get(i).title() + "\n");
              }
              acknowledged.increment();
            }
            case "transaction" -> {
              String a = title + "/a";
              String b = title + "/b";
              long[] ids = async
                  ? store.async().inTransaction(tx -> new long[] {tx.tasks().create(TaskBase.of(a)).id(),
                      tx.tasks().create(TaskBase.of(b)).id()}).get()
                  : store.inTransaction(tx -> new long[] {tx.tasks().create(TaskBase.of(a)).id(),
                      tx.tasks().create(TaskBase.of(b)).id()});
              journal.write("C " + ids[0] + " " + a + "\nC " + ids[1] + " " + b + "\n");
              acknowledged.increment();
            }
            case "update", "updateVersioned" -> {
              String next = title + "u";
              TaskUpdate u = TaskUpdate.builder().title(next).build();
              boolean versioned = kind.equals("updateVersioned");
              TaskRead t;
              if (versioned) {
                t = async ? store.async().tasks().update(row.id, u, row.version).get()
                    : store.tasks().update(row.id, u, row.version);
              } else {
                t = async ? store.async().tasks().update(row.id, u).get() : store.tasks().update(row.id, u);
              }
              journal.write("U " + row.id + " " + next + "\n");
              acknowledged.increment();
              row.title = t.title();
              row.version = t.version();
            }
            case "delete" -> {
              boolean deleted = async ? store.async().tasks().delete(row.id).get() : store.tasks().delete(row.id);
              if (!deleted) {
                throw new IllegalStateException("delete of own row " + row.id + " found nothing");
              }
              journal.write("D " + row.id + "\n");
              acknowledged.increment();
              rows.remove(row);
            }
            case "get" -> {
              TaskRead t = async ? store.async().tasks().get(row.id).get() : store.tasks().get(row.id);
              if (!t.title().equals(row.title) || t.version() != row.version) {
                readMismatches.increment();
                sample("get " + row.id + " read " + t.title() + " v" + t.version() + ", expected " + row.title
                    + " v" + row.version);
              }
            }
            case "list" -> {
              TaskQuery q = TaskQuery.builder().limit(100).build();
              for (int page = 0; page < 3 && q != null; page++) {
                Page<TaskRead> p = async ? store.async().tasks().list(q).get() : store.tasks().list(q);
                Optional<String> next = p.nextCursor();
                q = next.isPresent() ? TaskQuery.builder().limit(100).after(next.get()).build() : null;
              }
            }
            case "count" -> {
              long n = async ? store.async().tasks().count(TaskFilter.all()).get()
                  : store.tasks().count(TaskFilter.all());
              if (n < 0) {
                throw new IllegalStateException("negative count " + n);
              }
            }
            default -> throw new IllegalStateException(kind);
          }
        } catch (Throwable e) {
          Throwable cause = AsyncTaskStore.unwrap(e);
          if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return;
          }
          boolean restart = cause instanceof ConnectionException || cause instanceof RetryableException;
          if (restart) {
            restartFailures.computeIfAbsent(key + ": " + cause.getClass().getSimpleName(), k -> new LongAdder())
                .increment();
          } else {
            unexpected.computeIfAbsent(key + ": " + cause.getClass().getSimpleName(), k -> new LongAdder())
                .increment();
            sample(key + ": " + cause);
          }
          // The outcome of a failed write is unknown (a commit may have happened just before the connection
          // broke): the journal says what it may have done, and the row is no longer written to.
          switch (kind) {
            case "create" -> journal.write("?G " + title + "\n");
            case "createAll" -> journal.write("?G " + title + "a " + title + "b " + title + "c\n");
            case "transaction" -> journal.write("?G " + title + "/a " + title + "/b\n");
            case "update", "updateVersioned" -> {
              journal.write("?U " + row.id + " " + row.title + " " + title + "u\n");
              rows.remove(row);
            }
            case "delete" -> {
              journal.write("?D " + row.id + " " + row.title + "\n");
              rows.remove(row);
            }
            default -> { }
          }
          if (kind.startsWith("create") || kind.equals("transaction") || kind.startsWith("update")
              || kind.equals("delete")) {
            unknown.increment();
          }
          if (restart) {
            try {
              Thread.sleep(20); // the server is away: no busy loop
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void sample(String what) {
    if (unexpectedSamples.size() < 20) {
      unexpectedSamples.add(what);
    }
  }

  // ---- the check --------------------------------------------------------------------------------------------

  /** What the journals say a row must hold: one of some titles, or nothing. */
  private record Expect(Set<String> titles, boolean mayBeAbsent) {}

  private Result verify(String url, long elapsed, List<Restart> restarts, List<HeapSample> heap, int steady)
      throws IOException, SQLException {
    List<String> lost = new ArrayList<>();
    List<String> half = new ArrayList<>();
    long checked = 0;
    // One thread's rows at a time (its titles start with "s<thread>-"): 30 minutes leave millions of rows.
    for (int w = 0; w < settings.threads(); w++) {
      Map<Long, String> stored = new HashMap<>();
      Map<String, Integer> titleCount = new HashMap<>();
      try (Connection c = DriverManager.getConnection(url);
           PreparedStatement s = c.prepareStatement("SELECT id, title FROM task WHERE title LIKE ?")) {
        c.setAutoCommit(false);
        s.setFetchSize(10_000);
        s.setString(1, "s" + w + "-%");
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            stored.put(rs.getLong(1), rs.getString(2));
            titleCount.merge(rs.getString(2), 1, Integer::sum);
          }
        }
      }
      Map<Long, Expect> expected = new HashMap<>();
      try (BufferedReader in = Files.newBufferedReader(settings.workDir().resolve("journal-" + w + ".txt"))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] f = line.split(" ");
          switch (f[0]) {
            case "C", "U" -> expected.put(Long.parseLong(f[1]), new Expect(Set.of(f[2]), false));
            case "D" -> expected.put(Long.parseLong(f[1]), new Expect(Set.of(), true));
            case "?U" -> expected.put(Long.parseLong(f[1]), new Expect(Set.of(f[2], f[3]), false));
            case "?D" -> expected.put(Long.parseLong(f[1]), new Expect(Set.of(f[2]), true));
            case "?G" -> {
              List<Integer> counts = new ArrayList<>();
              for (int i = 1; i < f.length; i++) {
                counts.add(titleCount.getOrDefault(f[i], 0));
              }
              if (counts.stream().anyMatch(n -> n > 1) || counts.stream().distinct().count() > 1) {
                half.add(line + " -> " + counts);
              }
            }
            default -> throw new IllegalStateException("bad journal line: " + line);
          }
        }
      }
      for (Map.Entry<Long, Expect> e : expected.entrySet()) {
        String title = stored.get(e.getKey());
        Expect x = e.getValue();
        boolean ok = title == null ? x.mayBeAbsent() : x.titles().contains(title);
        if (!ok) {
          lost.add("task " + e.getKey() + ": stored " + title + ", expected " + (x.titles().isEmpty() ? "absent"
              : x.titles() + (x.mayBeAbsent() ? " or absent" : "")));
        }
      }
      checked += expected.size();
    }
    return new Result(settings, elapsed, totals(calls), totals(restartFailures), totals(unexpected),
        List.copyOf(unexpectedSamples), acknowledged.sum(), unknown.sum(), checked, lost, half,
        readMismatches.sum(), restarts, heap, steady);
  }

  private static Map<String, Long> totals(Map<String, LongAdder> m) {
    return new TreeMap<>(m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
  }

  // ---- the report -------------------------------------------------------------------------------------------

  static String markdown(Result r) {
    StringBuilder b = new StringBuilder();
    Settings s = r.settings();
    b.append("# Soak run (issue 18, item 7)\n\n");
    b.append(String.format("Run %s by `Soak`: %d threads of mixed blocking and async calls on ONE `TaskStore` "
        + "(pool of %d) against a durable embedded PostgreSQL 17 (fsync on, synchronous_commit on) on a kept data "
        + "directory, restarted every %s (odd restarts a clean stop and start, even ones SIGKILL to every server "
        + "process, then a start with crash recovery). JVM `%s`, max heap %d MB, %d CPUs (a shared, noisy machine).%n%n",
        Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC", s.threads(), s.threads(),
        human(s.restartEvery()), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors()));
    b.append("## Verdict\n\n");
    b.append(String.format("- **%s**: %d acknowledged writes lost or wrong, %d unknown-outcome writes half "
        + "applied, %d reads that saw other content than the last acknowledged write, %d unexpected failures.%n",
        r.passed() ? "PASS" : "FAIL", r.lost().size(), r.halfApplied().size(), r.readMismatches(),
        r.unexpectedByKind().values().stream().mapToLong(Long::longValue).sum()));
    b.append(String.format("- Heap after GC %s: first sample %d MB, last %d MB (flat means less than %d MB of "
        + "growth).%n", r.heapFlat() ? "flat" : "NOT flat", r.heap().isEmpty() ? 0 : r.heap().get(0).usedBytes() >> 20,
        r.heap().isEmpty() ? 0 : r.heap().get(r.heap().size() - 1).usedBytes() >> 20, HEAP_GROWTH_LIMIT >> 20));
    b.append(String.format("- Connections %s: steady value %d (pool total = server's `pg_stat_activity` rows "
        + "for application `%s`, under load before the first restart).%n%n",
        r.connectionsBack() ? "back to the steady value after every restart" : "NOT back after every restart",
        r.steadyConnections(), POOL));
    long total = r.calls().values().stream().mapToLong(Long::longValue).sum();
    long failed = r.restartFailures().values().stream().mapToLong(Long::longValue).sum();
    b.append(String.format("Duration %s (%.1f min measured); %,d calls; %,d writes acknowledged "
        + "(a createAll or a 2-row transaction counts once); %,d writes with an unknown outcome (failed during a "
        + "restart); %,d rows checked against the journals.%n%n", human(s.duration()), r.elapsedMillis() / 60_000.0,
        total, r.acknowledgedWrites(), r.unknownWrites(), r.rowsChecked()));
    b.append("## Calls per kind\n\n| call | calls | failed during restarts |\n|---|---:|---:|\n");
    for (Map.Entry<String, Long> e : r.calls().entrySet()) {
      long f = r.restartFailures().entrySet().stream().filter(x -> x.getKey().startsWith(e.getKey() + ": "))
          .mapToLong(Map.Entry::getValue).sum();
      b.append(String.format("| %s | %,d | %,d |%n", e.getKey(), e.getValue(), f));
    }
    b.append(String.format("| **all** | %,d | %,d |%n%n", total, failed));
    b.append("Failures during restarts by exception: ").append(r.restartFailures().isEmpty() ? "none"
        : r.restartFailures().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining("; "))).append(".\n\n");
    b.append("## Restarts\n\n| # | how | at (UTC) | stop | start | pool / server connections before | "
        + "after the settle pause | back to steady after |\n|---:|---|---|---:|---:|---:|---:|---:|\n");
    for (Restart x : r.restarts()) {
      b.append(String.format("| %d | %s | %s | %d ms | %d ms | %d / %d | %d / %d | %s |%n", x.number(),
          x.kill() ? "SIGKILL" : "clean", x.at().toString().substring(11, 19), x.stopMillis(), x.startMillis(),
          x.poolBefore(), x.serverBefore(), x.poolAfter(), x.serverAfter(),
          x.backToSteadyMillis() < 0 ? "NOT within 60 s" : x.backToSteadyMillis() + " ms"));
    }
    b.append("\n(\"start\" includes crash recovery after a SIGKILL; \"back to steady after\" is counted from the "
        + "moment the server accepted connections again.)\n\n");
    b.append("## Heap used after System.gc()\n\n| at | MB |\n|---:|---:|\n");
    for (HeapSample h : r.heap()) {
      b.append(String.format("| %d:%02d | %.1f |%n", h.secondsIn() / 60, h.secondsIn() % 60,
          h.usedBytes() / 1048576.0));
    }
    if (!r.lost().isEmpty() || !r.halfApplied().isEmpty() || !r.unexpectedSamples().isEmpty()) {
      b.append("\n## Problems (first 20 of each)\n\n");
      r.lost().stream().limit(20).forEach(x -> b.append("- lost: ").append(x).append('\n'));
      r.halfApplied().stream().limit(20).forEach(x -> b.append("- half applied: ").append(x).append('\n'));
      r.unexpectedSamples().forEach(x -> b.append("- unexpected: ").append(x).append('\n'));
      r.unexpectedByKind().forEach((k, v) -> b.append("- unexpected by kind: ").append(k).append(' ').append(v)
          .append('\n'));
    }
    return b.toString();
  }

  private static String human(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private static long heapAfterGc() {
    System.gc();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static int serverConnections(String url) {
    try (Connection c = DriverManager.getConnection(url);
         PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
             // Parallel workers of a big count(*) carry their leader's application name: not connections.
             + "WHERE application_name = ? AND backend_type = 'client backend'")) {
      s.setString(1, POOL);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      return -1;
    }
  }

  /** SIGKILL to the postmaster and every process it started, stopped first so that none forks meanwhile. */
  private static void killAll(Path dataDirectory) throws IOException, InterruptedException {
    long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    List<Long> pids = new ArrayList<>();
    pids.add(postmaster);
    ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    signal("STOP", pids);
    pids.clear();
    pids.add(postmaster);
    ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    signal("KILL", pids);
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    }
  }

  private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // A process listed a moment ago may be gone (a parallel worker of a count(*) lives for one query): kill
    // signals all the others and says "No such process" for it, which is no failure.
    boolean onlyGone = output.lines().allMatch(l -> l.isBlank() || l.contains("No such process"));
    if (!kill.waitFor(10, TimeUnit.SECONDS) || (kill.exitValue() != 0 && !onlyGone)) {
      throw new IOException("kill -" + signal + " " + pids + " failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf("[soak %s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
  }
}
