package dev.taskstore.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real PostgreSQL streaming replication on this machine: a primary and hot standbys made from a base backup
 * ({@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop}'s backup label), each
 * streaming from the primary. Asynchronous, or synchronous ({@code synchronous_standby_names = '*'},
 * {@code synchronous_commit = on}): then a commit returns only once a standby has flushed it.
 */
final class ReplicationCluster implements AutoCloseable {

  final Path root;
  final PgNode primary;
  final List<PgNode> standbys = new ArrayList<>();

  private ReplicationCluster(Path root, PgNode primary) {
    this.root = root;
    this.primary = primary;
  }

  /** Starts a primary and {@code standbys} hot standbys. */
  static ReplicationCluster start(int standbys, boolean synchronous) {
    Path root;
    try {
      root = Files.createTempDirectory("taskstore-replication");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PgNode primary = PgNode.init("primary", root.resolve("primary"));
    ReplicationCluster cluster = new ReplicationCluster(root, primary);
    try {
      primary.configure(
          "listen_addresses = 'localhost'",
          "max_connections = 100",
          "wal_level = replica",
          "max_wal_senders = 10",
          "wal_keep_size = '256MB'",
          "hot_standby = on",
          "hot_standby_feedback = off",
          "fsync = off",
          "full_page_writes = on",
          "synchronous_commit = on",
          "timezone = 'UTC'",
          synchronous ? "synchronous_standby_names = '*'" : "synchronous_standby_names = ''");
      append(primary.dataDir.resolve("pg_hba.conf"), "host replication all 127.0.0.1/32 trust\n"
          + "host replication all ::1/128 trust\n");
      primary.start();
      for (int i = 0; i < standbys; i++) {
        cluster.standbys.add(cluster.addStandby("standby" + (i + 1)));
      }
      cluster.awaitStreaming(standbys);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private PgNode addStandby(String name) {
    Path dir = root.resolve(name);
    try (Connection c = DriverManager.getConnection(primary.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("SELECT pg_backup_start('" + name + "', true)");
      copy(primary.dataDir, dir);
      String label;
      try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
        rs.next();
        label = rs.getString(1);
      }
      Files.writeString(dir.resolve("backup_label"), label, StandardCharsets.UTF_8);
      Files.createFile(dir.resolve("standby.signal"));
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (SQLException e) {
      throw new IllegalStateException("base backup failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PgNode standby = new PgNode(name, dir, PgNode.freePort());
    standby.configure(
        "primary_conninfo = 'host=localhost port=" + primary.port + " user=postgres application_name=" + name + "'",
        "max_standby_streaming_delay = '100ms'",
        // Once promoted, it has no standby of its own to wait for: a copied '*' would hang every commit.
        "synchronous_standby_names = ''",
        "wal_receiver_status_interval = '1s'");
    standby.start();
    return standby;
  }

  /** Waits until {@code count} standbys stream from the primary. */
  private void awaitStreaming(int count) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (Integer.parseInt(primary.sql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"))
        < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("standbys did not start streaming");
      }
      sleep(50);
    }
  }

  /** Waits until every running standby has replayed everything the primary has written so far. */
  void awaitReplay(PgNode standby) {
    String lsn = primary.sql("SELECT pg_current_wal_insert_lsn()");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"t".equals(standby.sql("SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(standby.name + " did not replay " + lsn);
      }
      sleep(20);
    }
  }

  /** Copies a data directory for a base backup: without the server's pid file and WAL (streamed instead). */
  private static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path rel = from.relativize(file);
        String first = rel.getName(0).toString();
        if (rel.getNameCount() == 1 && (first.equals("postmaster.pid") || first.equals("postmaster.opts"))) {
          return FileVisitResult.CONTINUE;
        }
        if (first.equals("pg_wal") || first.equals("pg_replslot") || first.equals("pg_stat_tmp")) {
          return FileVisitResult.CONTINUE;
        }
        try {
          Files.copy(file, to.resolve(rel.toString()));
        } catch (java.nio.file.NoSuchFileException gone) {
          // a temporary file the server removed while we copied: a base backup may miss it
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops every server (immediately: their data is thrown away) and deletes the directories. */
  @Override
  public void close() {
    for (PgNode node : standbys) {
      quietly(node);
    }
    quietly(primary);
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left for the OS
    }
  }

  private static void quietly(PgNode node) {
    try {
      if (Files.exists(node.dataDir.resolve("postmaster.pid"))) {
        node.kill();
      }
    } catch (RuntimeException e) {
      // already stopped
    }
  }
}
