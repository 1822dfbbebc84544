package dev.taskstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.Priority;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

class AsyncQuickstartTest {

  @Test
  void printsEveryStepInOrderOnAnEmptyDatabase() {
    ExampleDatabase.truncate();

    String output = run();

    assertThat(output).isEqualTo("""
        schema: up to date

        == 1. Users and a team
        created user #1 ann@example.org
        created user #2 bob@example.org
        created team #1 "Platform", members: ann@example.org, bob@example.org

        == 2. Tasks: one, then four in one bulk insert
        created task #1 "Write the quarterly report" [high, open, due 2030-01-15T09:00:00Z, user #1, description "numbers from finance"]
        created 4 tasks in bulk, ids [2, 3, 4, 5]

        == 3. 100 tasks, one call each, all in flight at once
        created 100 tasks, ids 6 to 105, 25 of them completed

        == 4. Read by id, both at once
        found   task #1 "Write the quarterly report" [high, open, due 2030-01-15T09:00:00Z, user #1, description "numbers from finance"]
        found   task #5 "Water the office plants" [medium, open, no due date, no user, no description]

        == 5. Task joined with its user, both at once
        task #1 "Write the quarterly report" -> ann@example.org
        task #5 "Water the office plants" -> (no user)

        == 6. Counts, both at once
        completed tasks: 27
        tasks by priority: low=34, medium=36, high=35

        == 7. Partial update: new title, description cleared, the rest untouched
        before  task #1 "Write the quarterly report" [high, open, due 2030-01-15T09:00:00Z, user #1, description "numbers from finance"]
        after   task #1 "Write the Q4 report" [high, open, due 2030-01-15T09:00:00Z, user #1, no description]

        == 8. Delete, then delete again
        deleted task #3: true
        deleted task #3 again: false

        == 9. Where a failure arrives
        duplicate email, handle() on the call         -> UniqueViolationException, constraint user_email_key, HTTP 400
        deleted task, exceptionally() after thenApply -> CompletionException around NotFoundException, task 3, HTTP 404
        duplicate email, join()                       -> CompletionException around UniqueViolationException, constraint user_email_key, HTTP 400
        """);
  }

  @Test
  void leavesTheDatabaseAsItPrinted() {
    ExampleDatabase.truncate();

    run();

    TaskStore store = ExampleDatabase.store();
    WalkThroughRows.assertStoredByOneRun(store);
    // The triage tasks of step 3 have no user, so they are not in the counts per user.
    TaskFilter triage = TaskFilter.builder().titleContains("Triage ticket").build();
    assertThat(store.tasks().count(triage)).isEqualTo(AsyncQuickstart.CONCURRENT_TASKS);
    assertThat(store.tasks().countByPriority(triage))
        .isEqualTo(Map.of(Priority.LOW, 33L, Priority.MEDIUM, 34L, Priority.HIGH, 33L));
  }

  @Test
  void runsAgainOnTheSameDatabase() {
    ExampleDatabase.truncate();
    run();

    String second = run();

    assertThat(second)
        .contains("found   user #1 ann@example.org")
        .contains("found   user #2 bob@example.org")
        .contains("created team #2 \"Platform\", members: ann@example.org, bob@example.org")
        .contains("created task #106 ")
        .contains("created 100 tasks, ids 111 to 210, 25 of them completed")
        .contains("completed tasks: 54")
        .contains("deleted task #108: true")
        .contains("-> CompletionException around NotFoundException, task 108, HTTP 404");
  }

  @Test
  @DisabledIfEnvironmentVariable(named = "DATABASE_URL", matches = ".*\\S.*",
      disabledReason = "main then runs on that database, not the embedded one")
  void mainRunsOnTheEmbeddedDatabase() {
    String output = StandardOut.capture(() -> AsyncQuickstart.main(new String[0]));

    assertThat(output).startsWith("schema: ").contains("== 9. Where a failure arrives")
        .contains("created 100 tasks, ids ")
        .contains("CompletionException around UniqueViolationException, constraint user_email_key");
  }

  private static String run() {
    return StandardOut.printedBy(out -> AsyncQuickstart.run(ExampleDatabase.config(), out));
  }
}
