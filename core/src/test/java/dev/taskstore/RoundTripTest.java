package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every repository call is one round trip to PostgreSQL, counted from pgjdbc's protocol trace; transactions
 * add only what they must (the commit, and one statement for a non-default isolation level).
 */
class RoundTripTest extends DatabaseTest {

  private UserRead ann;
  private TeamRead team;
  private TaskRead task;

  @BeforeEach
  void data() {
    ann = store.users().create("ann@example.org");
    team = store.teams().create("Core");
    store.teams().addMember(team.id(), ann.id());
    task = store.tasks().create(TaskBase.builder("t").userId(ann.id()).build());
    store.tasks().createAll(Collections.nCopies(20, TaskBase.builder("more").userId(ann.id()).build()));
  }

  private static void oneRoundTrip(String what, Runnable call) {
    assertThat(RoundTrips.of(call)).as(what).isEqualTo(1);
  }

  @Test
  void everyTaskCallIsOneRoundTrip() {
    TaskQuery page = TaskQuery.builder().limit(5).build();
    String cursor = store.tasks().list(page).nextCursor().orElseThrow();
    oneRoundTrip("create", () -> store.tasks().create(TaskBase.of("x")));
    oneRoundTrip("createAll", () -> store.tasks().createAll(List.of(TaskBase.of("x"), TaskBase.of("y"))));
    oneRoundTrip("findById", () -> store.tasks().findById(task.id()));
    oneRoundTrip("get", () -> store.tasks().get(task.id()));
    oneRoundTrip("update", () -> store.tasks().update(task.id(), TaskUpdate.builder().title("u").build()));
    oneRoundTrip("empty update", () -> store.tasks().update(task.id(), TaskUpdate.empty()));
    oneRoundTrip("findWithUser", () -> store.tasks().findWithUser(task.id()));
    oneRoundTrip("list", () -> store.tasks().list(page));
    oneRoundTrip("list after cursor", () -> store.tasks().list(TaskQuery.builder().limit(5).after(cursor).build()));
    oneRoundTrip("listWithUsers", () -> store.tasks().listWithUsers(page));
    oneRoundTrip("count", () -> store.tasks().count(TaskFilter.completed(false)));
    oneRoundTrip("countByPriority", () -> store.tasks().countByPriority(TaskFilter.all()));
    oneRoundTrip("delete", () -> store.tasks().delete(task.id()));
  }

  /** Optimistic locking and idempotent creates take the same single round trip, on every branch. */
  @Test
  void versionedUpdatesAndKeyedCreatesAreOneRoundTrip() {
    TaskUpdate title = TaskUpdate.builder().title("v").build();
    oneRoundTrip("update at the expected version", () -> store.tasks().update(task.id(), title, task.version()));
    oneRoundTrip("update at a stale version", () -> assertThat(catchThrowable(
        () -> store.tasks().update(task.id(), title, task.version()))).isInstanceOf(StaleVersionException.class));
    oneRoundTrip("update of a missing task with a version", () -> assertThat(catchThrowable(
        () -> store.tasks().update(Long.MAX_VALUE, title, 1))).isInstanceOf(NotFoundException.class));
    oneRoundTrip("empty update with a version", () -> store.tasks().update(task.id(), TaskUpdate.empty(),
        task.version() + 1));
    TaskBase keyed = TaskBase.builder("k").idempotencyKey("round-trip").build();
    oneRoundTrip("keyed create", () -> store.tasks().create(keyed));
    oneRoundTrip("keyed create retried", () -> store.tasks().create(keyed));
    TaskBase other = TaskBase.builder("other").idempotencyKey("round-trip").build();
    oneRoundTrip("keyed create with other content", () -> assertThat(catchThrowable(
        () -> store.tasks().create(other))).isInstanceOf(IdempotencyConflictException.class));
  }

  @Test
  void everyUserCallIsOneRoundTrip() {
    oneRoundTrip("create", () -> store.users().create("bob@example.org"));
    oneRoundTrip("findById", () -> store.users().findById(ann.id()));
    oneRoundTrip("get", () -> store.users().get(ann.id()));
    oneRoundTrip("findByEmail", () -> store.users().findByEmail("ANN@example.org"));
    oneRoundTrip("tasksOf", () -> store.users().tasksOf(ann.id(), TaskQuery.firstPage()));
    oneRoundTrip("findWithTasks", () -> store.users().findWithTasks(ann.id()));
    oneRoundTrip("countTasksPerUser", () -> store.users().countTasksPerUser(TaskFilter.all()));
    oneRoundTrip("delete", () -> store.users().delete(ann.id()));
  }

  @Test
  void everyTeamCallIsOneRoundTrip() {
    UserRead bob = store.users().create("bob@example.org");
    oneRoundTrip("create", () -> store.teams().create("Ops"));
    oneRoundTrip("findById", () -> store.teams().findById(team.id()));
    oneRoundTrip("get", () -> store.teams().get(team.id()));
    oneRoundTrip("addMember", () -> store.teams().addMember(team.id(), bob.id()));
    oneRoundTrip("addMember again", () -> store.teams().addMember(team.id(), bob.id()));
    oneRoundTrip("members", () -> store.teams().members(team.id()));
    oneRoundTrip("findWithMembers", () -> store.teams().findWithMembers(team.id()));
    oneRoundTrip("teamsOf", () -> store.teams().teamsOf(bob.id()));
    oneRoundTrip("removeMember", () -> store.teams().removeMember(team.id(), bob.id()));
    oneRoundTrip("delete", () -> store.teams().delete(team.id()));
  }

  @Test
  void aBulkInsertIsOneStatementPerTenThousandRowsPlusTheCommit() {
    List<TaskBase> tasks = new ArrayList<>(Collections.nCopies(25_000, TaskBase.of("bulk")));
    assertThat(RoundTrips.of(() -> store.tasks().createAll(tasks))).isEqualTo(3 + 1);
    assertThat(RoundTrips.of(() -> store.tasks().createAll(tasks.subList(0, 10_000)))).isEqualTo(1);
  }

  @Test
  void aTransactionAddsOnlyItsCommit() {
    assertThat(RoundTrips.of(() -> store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("a"));
      tx.tasks().count(TaskFilter.all());
    }))).isEqualTo(2 + 1);
    assertThat(RoundTrips.of(() -> store.inTransaction(TransactionOptions.readOnlyTransaction(),
        tx -> tx.tasks().count(TaskFilter.all())))).isEqualTo(1 + 1);
  }

  @Test
  void anotherIsolationLevelCostsOneStatementForTheWholeTransaction() {
    for (IsolationLevel level : List.of(IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE)) {
      assertThat(RoundTrips.of(() -> store.inTransaction(TransactionOptions.defaults().withIsolation(level),
          tx -> tx.tasks().count(TaskFilter.all())))).as("%s", level).isEqualTo(1 + 1 + 1);
    }
  }
}
