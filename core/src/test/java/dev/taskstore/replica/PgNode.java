package dev.taskstore.replica;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL server of a test's replication cluster, run from the binaries zonky's embedded PostgreSQL
 * extracts (initdb, pg_ctl, postgres): no installed server. As root, every binary runs under
 * {@code unshare -U}, as zonky does, since PostgreSQL refuses to run as root.
 */
final class PgNode {

  private static volatile Path binaries;

  final String name;
  final Path dataDir;
  final int port;

  PgNode(String name, Path dataDir, int port) {
    this.name = name;
    this.dataDir = dataDir;
    this.port = port;
  }

  /** A new cluster directory made by initdb (not started). */
  static PgNode init(String name, Path dir) {
    PgNode node = new PgNode(name, dir, freePort());
    run(List.of(bin("initdb"), "-A", "trust", "-U", "postgres", "-D", dir.toString(), "-E", "UTF-8",
        "--no-sync"), 120);
    return node;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  String hostPort() {
    return "localhost:" + port;
  }

  /** Appends settings to postgresql.conf. */
  void configure(String... lines) {
    try {
      Files.writeString(dataDir.resolve("postgresql.conf"), "\n" + String.join("\n", lines) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void start() {
    Path log = dataDir.resolveSibling(name + ".log");
    try {
      run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-o", "-p " + port, "-l", log.toString(), "-w", "-t",
          "60", "start"), 90);
    } catch (IllegalStateException e) {
      String tail;
      try {
        tail = Files.exists(log) ? Files.readString(log) : "(no log)";
      } catch (IOException io) {
        tail = io.toString();
      }
      throw new IllegalStateException(e.getMessage() + "\n" + tail, e);
    }
  }

  /** A fast shutdown: sessions are ended, the server stops cleanly. */
  void stop() {
    if (Files.exists(dataDir.resolve("postmaster.pid"))) {
      run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), 60);
    }
  }

  /** An immediate shutdown ({@code pg_ctl -m immediate stop}): no checkpoint, like a crash. */
  void kill() {
    run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"), 60);
  }

  /** Promotes a standby and waits until it accepts writes. */
  void promote() {
    sql("SELECT pg_promote(true, 30)");
  }

  /** Runs statements on a fresh connection; returns the first column of the last result's first row. */
  String sql(String... statements) {
    try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
      String last = null;
      for (String statement : statements) {
        if (s.execute(statement)) {
          try (ResultSet rs = s.getResultSet()) {
            last = rs.next() ? rs.getString(1) : null;
          }
        }
      }
      return last;
    } catch (SQLException e) {
      throw new IllegalStateException(name + ": " + e.getMessage(), e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String bin(String name) {
    return binaries().resolve("bin").resolve(name).toString();
  }

  /** Where zonky extracts its binaries (it does so on first use). */
  private static Path binaries() {
    if (binaries == null) {
      try {
        Method workDir = EmbeddedPostgres.class.getDeclaredMethod("getWorkingDirectory");
        workDir.setAccessible(true);
        Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
            File.class);
        prepare.setAccessible(true);
        File dir = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, workDir.invoke(null));
        binaries = dir.toPath();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot find zonky's PostgreSQL binaries", e);
      }
    }
    return binaries;
  }

  private static void run(List<String> command, int timeoutSeconds) {
    List<String> full = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      full.add("unshare");
      full.add("-U");
    }
    full.addAll(command);
    try {
      Path out = Files.createTempFile("pgnode", ".out");
      try {
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + full);
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException("failed (" + p.exitValue() + "): " + full + "\n" + Files.readString(out));
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
