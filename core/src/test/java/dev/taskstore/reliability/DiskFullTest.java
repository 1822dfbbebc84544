package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.DiskFullException;
import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.EmbeddedDatabase.Durability;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TestSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under the {@code task} table fills up: a tablespace on a small tmpfs (with a ballast file that an
 * operator can delete). Writes fail with {@link DiskFullException} (SQLSTATE 53100, HTTP 507) and leave nothing
 * behind, reads keep working, nothing acknowledged is lost, and once space is freed the same store writes
 * again. Needs to mount a tmpfs (root, or a sandbox that allows it); where that is refused the test is skipped
 * and says why.
 */
@Tag("reliability")
class DiskFullTest {

  private static final String TMPFS_SIZE = "16m";
  private static final int BALLAST_BYTES = 4 << 20;
  private static final int BATCH = 50;
  private static final int DESCRIPTION_CHARS = 8_000;

  @TempDir
  Path temp;

  @Test
  void writesFailWithDiskFullReadsWorkAndWritesResumeOnceSpaceIsFreed() throws Exception {
    Path disk = Files.createDirectories(temp.resolve("tmpfs"));
    mountTmpfs(disk);
    EmbeddedDatabase server = null;
    try {
      Path ballast = disk.resolve("ballast");
      Files.write(ballast, new byte[BALLAST_BYTES]);
      Path tablespace = Files.createDirectories(disk.resolve("tablespace"));
      server = EmbeddedDatabase.start(temp.resolve("pgdata"), TestSql.freePort(), Durability.FAST);
      TaskStoreConfig config = TaskStoreConfig.builder().url(server.jdbcUrl()).poolName("reliability-disk")
          .minimumIdle(0).maximumPoolSize(2).build();
      try (TaskStore store = TaskStore.open(config)) {
        store.migrate();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
          s.execute("CREATE TABLESPACE small_disk LOCATION '" + tablespace + "'");
          s.execute("ALTER TABLE task SET TABLESPACE small_disk");
        }

        Random random = new Random(42);
        Set<String> acknowledged = new HashSet<>();
        DiskFullException full = null;
        int batches = 0;
        while (full == null && batches < 1_000) {
          List<TaskBase> batch = batch("b" + batches, random);
          try {
            store.tasks().createAll(batch);
            batch.forEach(t -> acknowledged.add(t.title()));
            batches++;
          } catch (DiskFullException e) {
            full = e;
          }
        }
        assertThat(full).as("a write on the full disk").isNotNull();
        assertThat(full.sqlState()).contains("53100");
        assertThat(full.httpStatus()).isEqualTo(507);
        // Still full: the next large write fails the same way.
        assertThatThrownBy(() -> store.tasks().createAll(batch("again", random)))
            .isInstanceOf(DiskFullException.class);

        // Reads work, and every acknowledged write is there; the failed batches left nothing.
        assertThat(store.tasks().count(TaskFilter.all())).isEqualTo(acknowledged.size());
        assertThat(store.tasks().list(TaskQuery.firstPage()).items()).isNotEmpty();
        assertThat(titles(store)).isEqualTo(acknowledged);

        Files.delete(ballast);
        List<Long> after = store.tasks().createAll(batch("after", random));
        assertThat(after).hasSize(BATCH);
        assertThat(store.tasks().count(TaskFilter.all())).isEqualTo(acknowledged.size() + BATCH);
        System.out.printf("[reliability] full disk: a %s tmpfs tablespace held %d tasks (%d batches of %d with "
            + "%d-character descriptions), then createAll failed with DiskFullException (53100, HTTP 507); reads "
            + "worked, 0 of %d acknowledged lost; after freeing %d MB the same store wrote %d more%n", TMPFS_SIZE,
            acknowledged.size(), batches, BATCH, DESCRIPTION_CHARS, acknowledged.size(), BALLAST_BYTES >> 20, BATCH);
      }
    } finally {
      if (server != null) {
        server.close();
      }
      run("umount", "-l", disk.toString());
    }
  }

  /** Tasks with incompressible descriptions, so that each takes its size on disk. */
  private static List<TaskBase> batch(String prefix, Random random) {
    List<TaskBase> tasks = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      StringBuilder description = new StringBuilder(DESCRIPTION_CHARS);
      for (int c = 0; c < DESCRIPTION_CHARS; c++) {
        description.append((char) (0x21 + random.nextInt(94)));
      }
      tasks.add(TaskBase.builder(prefix + "-" + i).description(description.toString()).build());
    }
    return tasks;
  }

  private static Set<String> titles(TaskStore store) {
    return new HashSet<>(store.inTransaction(tx -> tx.jdbc(c -> {
      List<String> titles = new ArrayList<>();
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT title FROM task")) {
        while (rs.next()) {
          titles.add(rs.getString(1));
        }
      }
      return titles;
    })));
  }

  /** Mounts a small tmpfs, or skips the test with the reason when this machine does not allow it. */
  private static void mountTmpfs(Path dir) throws Exception {
    String result = run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_SIZE, "tmpfs", dir.toString());
    if (result != null) {
      System.out.println("[reliability] full disk: SKIPPED, cannot mount a tmpfs here: " + result);
    }
    Assumptions.assumeTrue(result == null, () -> "cannot mount a tmpfs here: " + result);
  }

  /** Runs a command; null when it succeeded, else its output and exit code. */
  private static String run(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return String.join(" ", command) + " did not finish";
      }
      return p.exitValue() == 0 ? null : String.join(" ", command) + " exited " + p.exitValue() + ": " + output;
    } catch (IOException e) {
      return String.join(" ", command) + " failed: " + e.getMessage();
    }
  }
}
