package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "Core API" example compiles, runs, and is the same text as in the README. */
class ReadmeQuickstartTest {

  private static final String BEGIN = "// README Core API: begin";
  private static final String END = "// README Core API: end";

  /** The README's example, verbatim between the markers. */
  static void quickstart() {
    // README Core API: begin
    try (TaskStore store = TaskStore.open(TaskStoreConfig.fromEnvironment().build())) {
      store.migrate();

      // Records in, records out: the database assigns ids and creation times.
      UserRead ann = store.users().create("ann@example.org");
      TaskRead report = store.tasks().create(TaskBase.builder("Write report")
          .description("numbers from finance").priority(Priority.HIGH).userId(ann.id()).build());
      List<Long> ids = store.tasks().createAll(List.of(TaskBase.of("Book room"), TaskBase.of("Send invites")));

      // Partial update: fields never set stay as they are, null clears.
      TaskRead renamed = store.tasks().update(report.id(),
          TaskUpdate.builder().title("Write Q3 report").description(null).build());
      System.out.println(renamed.title() + ", description " + renamed.description()); // ..., description Optional.empty

      // Filter, sort and page on with the cursor of the previous page.
      TaskQuery.Builder open = TaskQuery.builder().filter(TaskFilter.completed(false)).sort(TaskSort.ID_DESC).limit(2);
      Page<TaskRead> first = store.tasks().list(open.build());
      Page<TaskRead> second = store.tasks().list(open.after(first.nextCursor().orElseThrow()).build());
      System.out.println(first.items().size() + " + " + second.items().size() + " open tasks"); // 2 + 1 open tasks

      // Joins and counts: one query each.
      TaskWithUser withUser = store.tasks().findWithUser(report.id()).orElseThrow();
      Map<Priority, Long> byPriority = store.tasks().countByPriority(TaskFilter.all());
      System.out.println(withUser.user().map(UserRead::email).orElse("-") + " " + byPriority); // ann@... {LOW=0, ...}

      // Teams: a many-to-many link.
      TeamRead core = store.teams().create("Core");
      store.teams().addMember(core.id(), ann.id());

      // A transaction: all or nothing, run again on a serialization failure.
      long done = store.inTransaction(TransactionOptions.serializable().withRetries(3), tx -> {
        for (long id : ids) {
          tx.tasks().update(id, TaskUpdate.builder().completed(true).build());
        }
        return tx.tasks().count(TaskFilter.completed(true));
      });
      System.out.println(done + " done"); // 2 done

      // Errors are typed, name what failed (never the values), and suggest an HTTP status.
      try {
        store.users().create("ANN@example.org");
      } catch (UniqueViolationException e) {
        System.out.println(e.constraintName().orElseThrow() + " -> " + e.httpStatus()); // user_email_key -> 400
      }
      try {
        store.tasks().get(999);
      } catch (NotFoundException e) {
        System.out.println(e.getMessage() + " -> " + e.httpStatus()); // task 999 not found -> 404
      }
    }
    // README Core API: end
  }

  @Test
  void theExampleRunsAndPrintsWhatItsCommentsSay() {
    // The example opens its store from the environment: without DATABASE_URL, on an embedded server that the
    // store starts and stops; with DATABASE_URL set, on that database, whose data this test cannot predict.
    assumeTrue(System.getenv(TaskStoreConfig.DATABASE_URL) == null, "DATABASE_URL is set");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      quickstart();
    } finally {
      System.setOut(out);
    }
    assertThat(buffer.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "Write Q3 report, description Optional.empty",
        "2 + 1 open tasks",
        "ann@example.org {LOW=0, MEDIUM=2, HIGH=1}",
        "2 done",
        "user_email_key -> 400",
        "task 999 not found -> 404");
  }

  @Test
  void theReadmeShowsExactlyTheCodeThatRuns() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("## Core API");
    assertThat(section).as("README section '## Core API'").isNotNegative();
    int start = readme.subList(section, readme.size()).indexOf("```java") + section + 1;
    int end = readme.subList(start, readme.size()).indexOf("```") + start;
    List<String> shown = readme.subList(start, end);

    List<String> source = Files.readAllLines(
        Path.of("src/test/java/dev/taskstore/ReadmeQuickstartTest.java"), StandardCharsets.UTF_8);
    int from = -1;
    int to = -1;
    for (int i = 0; i < source.size(); i++) {
      if (source.get(i).trim().equals(BEGIN)) {
        from = i + 1;
      } else if (source.get(i).trim().equals(END)) {
        to = i;
      }
    }
    assertThat(from).isPositive();
    List<String> run = new ArrayList<>();
    for (String line : source.subList(from, to)) {
      run.add(line.isBlank() ? "" : line.substring(4));
    }
    assertThat(shown).isEqualTo(run);
  }
}
