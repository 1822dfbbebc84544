package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code createAll} of 1,000,000 tasks from a JVM with a 256 MB heap ({@code -Xmx256m}, started by the test
 * with the test's class path, against a database of the shared server): all of them stored in one call; and
 * with the task in the middle bad (an unknown user, found by the server after 500,000 rows were inserted in 500
 * statements), none.
 */
@Tag("reliability")
class LargeCreateAllTest {

  private static final int COUNT = 1_000_000;
  private static final String HEAP = "-Xmx256m";
  private static final Pattern RESULT = Pattern.compile(
      "RESULT stored=(\\d+) failed=(\\S+) ms=(\\d+) maxHeapMb=(\\d+) peakHeapMb=(\\d+) badAt=(\\S+)");

  @Test
  void aMillionTasksInA256MbHeapAllOrNothing() throws Exception {
    String url = TestDatabase.createDatabase("large_probe");
    try {
      try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(url).minimumIdle(0).maximumPoolSize(1)
          .build())) {
        store.migrate();
      }
      Matcher bad = run(url, true);
      assertThat(bad.group(1)).isEqualTo("0");
      assertThat(bad.group(6)).isEqualTo(Integer.toString(COUNT / 2));
      assertThat(bad.group(2)).isEqualTo("ForeignKeyViolationException(task_user_id_fkey)");
      assertThat(TestDatabase.strings(url, "SELECT count(*) FROM task")).containsExactly("0");

      Matcher good = run(url, false);
      assertThat(good.group(1)).isEqualTo(Integer.toString(COUNT));
      assertThat(good.group(2)).isEqualTo("-");
      assertThat(TestDatabase.strings(url, "SELECT count(*) || ' ' || count(DISTINCT title) FROM task"))
          .containsExactly(COUNT + " " + COUNT);
      System.out.printf("[reliability] large createAll: %,d tasks with %s (max heap %s MB): stored in %s ms, "
          + "peak heap %s MB; with task %,d bad: 0 stored, failed after %s ms (%s), peak heap %s MB%n", COUNT,
          HEAP, good.group(4), good.group(3), good.group(5), COUNT / 2, bad.group(3), bad.group(2), bad.group(5));
    } finally {
      TestDatabase.execute("DROP DATABASE IF EXISTS large_probe WITH (FORCE)");
    }
  }

  private static Matcher run(String url, boolean lastIsBad) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), HEAP, "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), LargeCreateAll.class.getName(), url,
        Integer.toString(COUNT), Boolean.toString(lastIsBad)))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the large JVM finished").isTrue();
    assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
    Matcher m = RESULT.matcher(output);
    assertThat(m.find()).as("result line in:%n%s", output).isTrue();
    return m;
  }
}
