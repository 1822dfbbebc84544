package dev.taskstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Which CPUs the server and a benchmark JVM run on. On a machine of two CPUs that both share, a call on one
 * connection is a ping-pong between one client thread and one backend, and its speed depends on where the
 * scheduler puts the two: measured here with pgbench (one connection, get-by-id, prepared, TCP), 16-18k
 * calls/s when the kernel places them, 18k with the backend on one CPU and pgbench on the other, 54-55k with
 * both on the same CPU. A fork that happens to start in the fast placement keeps it for most of its run, so
 * without pinning one system's forks can land at twice another's on the same code (seen in the bench: JDBC
 * get-by-id 16.9k and 43.8k calls/s in two forks of one run, at 24 and 11 µs of CPU per call).
 *
 * <p>For operations on one connection the harness therefore places them the same way every time: the server
 * (postmaster, its background processes and the backends it starts) on the last CPU, the benchmark JVM on the
 * others. That is the slower placement, and the one that resembles production, where the application and the
 * database do not share a CPU. Operations with many connections in flight (16 threads, 64 async calls) need
 * both CPUs for both sides and run unpinned, as do all when {@code taskset} is missing, the machine has one
 * CPU, or {@code -Dbench.pin=false}.
 */
final class Placement {

  private final long postmaster;
  private final Path pinnedJava;
  private final int cpus;
  private Boolean serverPinned;

  private Placement(long postmaster, Path pinnedJava, int cpus) {
    this.postmaster = postmaster;
    this.pinnedJava = pinnedJava;
    this.cpus = cpus;
  }

  /**
   * The placement for the server at {@code url} (its postmaster is found through its data directory), with a
   * launcher script in {@code workDir}; or null when pinning is off or impossible here (the reason is logged).
   */
  static Placement of(String url, Path workDir) {
    int cpus = Runtime.getRuntime().availableProcessors();
    if (!Boolean.parseBoolean(System.getProperty("bench.pin", "true"))) {
      BenchMain.log("CPU pinning off (-Dbench.pin=false)");
      return null;
    }
    boolean taskset = tasksetWorks();
    if (cpus < 2 || !taskset) {
      BenchMain.log("CPU pinning not possible here (%d CPUs, taskset %s): every benchmark runs unpinned", cpus,
          taskset ? "present" : "missing");
      return null;
    }
    try {
      long postmaster;
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SHOW data_directory")) {
        rs.next();
        postmaster = Long.parseLong(
            Files.readAllLines(Path.of(rs.getString(1)).resolve("postmaster.pid")).get(0).strip());
      }
      Files.createDirectories(workDir);
      Path java = workDir.resolve("java-on-client-cpus");
      String javaHome = System.getProperty("java.home");
      Files.writeString(java, "#!/bin/sh\nexec taskset -c " + clientCpus(cpus) + " '" + javaHome + "/bin/java' \"$@\"\n");
      Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new Placement(postmaster, java, cpus);
    } catch (SQLException | IOException | RuntimeException e) {
      BenchMain.log("CPU pinning not possible here (%s): every benchmark runs unpinned", e);
      return null;
    }
  }

  /** The CPUs of a pinned benchmark JVM: all but the last. */
  static String clientCpus(int cpus) {
    return cpus == 2 ? "0" : "0-" + (cpus - 2);
  }

  /** The CPU of a pinned server: the last. */
  static String serverCpu(int cpus) {
    return Integer.toString(cpus - 1);
  }

  /** What the report's setup says of how single-connection and concurrent operations were placed. */
  String describe() {
    return String.format(Locale.ROOT, "operations on one connection with the server on CPU %s and the benchmark "
        + "JVM on CPU %s (`taskset`); operations with 16 or more calls in flight unpinned", serverCpu(cpus),
        clientCpus(cpus));
  }

  /**
   * Places the server for the next fork: on its own CPU when {@code pinned}, else on all; returns the launcher
   * for the fork's JVM, or null for the harness's own {@code java}.
   */
  Path prepare(boolean pinned) {
    if (serverPinned == null || serverPinned != pinned) {
      String set = pinned ? serverCpu(cpus) : "0-" + (cpus - 1);
      List<Long> pids = new ArrayList<>();
      pids.add(postmaster);
      ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
      for (long pid : pids) {
        // A process that exits in between (a backend of the last fork) is no reason to stop.
        taskset("-a", "-p", "-c", set, Long.toString(pid));
      }
      serverPinned = pinned;
    }
    return pinned ? pinnedJava : null;
  }

  private static boolean tasksetWorks() {
    return taskset("-p", Long.toString(ProcessHandle.current().pid()));
  }

  private static boolean taskset(String... args) {
    List<String> command = new ArrayList<>();
    command.add("taskset");
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
