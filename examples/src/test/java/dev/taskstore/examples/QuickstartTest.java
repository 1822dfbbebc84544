package dev.taskstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

class QuickstartTest {

  @Test
  void printsEveryStepOfTheWalkThroughOnAnEmptyDatabase() {
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

        == 3. Read by id
        found   task #1 "Write the quarterly report" [high, open, due 2030-01-15T09:00:00Z, user #1, description "numbers from finance"]
        found   task #5 "Water the office plants" [medium, open, no due date, no user, no description]

        == 4. Task joined with its user
        task #1 "Write the quarterly report" -> ann@example.org
        task #5 "Water the office plants" -> (no user)

        == 5. Counts
        completed tasks: 2
        tasks by priority: low=1, medium=2, high=2

        == 6. Partial update: new title, description cleared, the rest untouched
        before  task #1 "Write the quarterly report" [high, open, due 2030-01-15T09:00:00Z, user #1, description "numbers from finance"]
        after   task #1 "Write the Q4 report" [high, open, due 2030-01-15T09:00:00Z, user #1, no description]
        version 1 -> 2 (the database counts every update)

        == 7. Delete
        deleted task #3: true
        deleted task #3 again: false

        == 8. Errors name what went wrong
        duplicate email -> UniqueViolationException, constraint user_email_key, HTTP 400
        deleted task     -> NotFoundException, task 3, HTTP 404
        stale version    -> StaleVersionException, task 1 is at version 2, HTTP 409
        """);
  }

  @Test
  void leavesTheDatabaseAsItPrinted() {
    ExampleDatabase.truncate();

    run();

    WalkThroughRows.assertStoredByOneRun(ExampleDatabase.store());
  }

  @Test
  void runsAgainOnTheSameDatabase() {
    ExampleDatabase.truncate();
    run();

    String second = run();

    assertThat(second)
        .contains("found   user #1 ann@example.org")
        .contains("found   user #2 bob@example.org")
        .contains("created team #2 \"Platform\"")
        .contains("created task #6 ")
        .contains("completed tasks: 4")
        .contains("deleted task #8: true");
  }

  @Test
  @DisabledIfEnvironmentVariable(named = "DATABASE_URL", matches = ".*\\S.*",
      disabledReason = "main then runs on that database, not the embedded one")
  void mainRunsOnTheEmbeddedDatabase() {
    String output = StandardOut.capture(() -> Quickstart.main(new String[0]));

    assertThat(output).startsWith("schema: ").contains("== 8. Errors name what went wrong")
        .contains("UniqueViolationException, constraint user_email_key")
        .contains("StaleVersionException, task ");
  }

  private static String run() {
    return StandardOut.printedBy(out -> Quickstart.run(ExampleDatabase.config(), out));
  }
}
