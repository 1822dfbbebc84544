package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Users: create, look up, delete, and the tasks that hang off them. */
class UserRepositoryTest extends DatabaseTest {

  @Test
  void createStoresTheEmailAsGiven() {
    UserRead ann = store.users().create(new UserCreate("Ann.Smith@Example.ORG"));
    assertThat(ann.id()).isPositive();
    assertThat(ann.email()).isEqualTo("Ann.Smith@Example.ORG");
    assertThat(ann.createdAt()).isNotNull();
    assertThat(store.users().get(ann.id())).isEqualTo(ann);
    assertThat(store.users().findById(ann.id())).contains(ann);
  }

  @Test
  void createFromAStringValidatesTheEmail() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> store.users().create("nope"));
    assertThat(e.field()).isEqualTo("email");
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM \"user\"")).isZero();
  }

  @Test
  void findByEmailIgnoresLetterCase() {
    UserRead ann = store.users().create("Ann@Example.org");
    assertThat(store.users().findByEmail("ann@example.org")).contains(ann);
    assertThat(store.users().findByEmail("ANN@EXAMPLE.ORG")).contains(ann);
    assertThat(store.users().findByEmail("Ann@Example.org")).contains(ann);
    assertThat(store.users().findByEmail("bob@example.org")).isEmpty();
  }

  @Test
  void findByEmailTreatsWildcardsLiterally() {
    store.users().create("ann@example.org");
    assertThat(store.users().findByEmail("%@example.org")).isEmpty();
    assertThat(store.users().findByEmail("an_@example.org")).isEmpty();
  }

  @Test
  void getOfAMissingUserThrowsNotFoundNamingTheUser() {
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> store.users().get(7));
    assertThat(e.entity()).isEqualTo("user");
    assertThat(e.id()).isEqualTo(7);
    assertThat(store.users().findById(7)).isEmpty();
  }

  @Test
  void deleteKeepsTheUsersTasksWithoutAUserAndEndsItsMemberships() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    TaskRead annsTask = store.tasks().create(TaskBase.builder("ann's").userId(ann.id()).build());
    TaskRead bobsTask = store.tasks().create(TaskBase.builder("bob's").userId(bob.id()).build());
    TeamRead team = store.teams().create("Core");
    store.teams().addMember(team.id(), ann.id());
    store.teams().addMember(team.id(), bob.id());

    assertThat(store.users().delete(ann.id())).isTrue();

    assertThat(store.users().findById(ann.id())).isEmpty();
    assertThat(store.tasks().get(annsTask.id()).userId()).isEmpty();
    assertThat(store.tasks().get(annsTask.id()).title()).isEqualTo("ann's");
    assertThat(store.tasks().get(bobsTask.id())).isEqualTo(bobsTask);
    assertThat(store.teams().members(team.id())).containsExactly(bob);
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM teamuserlink WHERE user_id = " + ann.id())).isZero();
    assertThat(store.users().delete(ann.id())).isFalse();
  }

  @Test
  void tasksOfListsOnlyThatUsersTasksAndKeepsTheOtherConditions() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    store.tasks().create(TaskBase.builder("ann open").userId(ann.id()).build());
    store.tasks().create(TaskBase.builder("ann done").userId(ann.id()).completed(true).build());
    store.tasks().create(TaskBase.builder("bob open").userId(bob.id()).build());
    store.tasks().create(TaskBase.of("nobody's"));

    assertThat(store.users().tasksOf(ann.id(), TaskQuery.firstPage()).items()).extracting(TaskRead::title)
        .containsExactly("ann open", "ann done");
    // The query's own user condition is replaced by the user asked for.
    TaskQuery openOfBob = TaskQuery.builder()
        .filter(TaskFilter.builder().completed(false).userId(bob.id()).build()).build();
    assertThat(store.users().tasksOf(ann.id(), openOfBob).items()).extracting(TaskRead::title)
        .containsExactly("ann open");
  }

  @Test
  void tasksOfPagesInEverySortLikeListWithTheUsersFilter() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    for (int i = 0; i < 12; i++) {
      store.tasks().create(TaskBase.builder("t" + i).userId(i % 3 == 0 ? bob.id() : ann.id()).build());
    }
    TestDatabase.execute("UPDATE task SET created_at = timestamptz '2024-01-01' + (id % 4) * interval '1 hour'");
    for (TaskSort sort : TaskSort.values()) {
      // Relevance needs a search: every title is one of these words, titles of even ids twice.
      TestDatabase.execute("UPDATE task SET description = CASE WHEN id % 2 = 0 THEN title END");
      String words = String.join(" or ", java.util.stream.IntStream.range(0, 12).mapToObj(i -> "t" + i).toList());
      TaskFilter.Builder filter = TaskFilter.builder().search(sort == TaskSort.RELEVANCE ? words : null);
      List<TaskRead> expected = store.tasks().list(TaskQuery.builder().sort(sort)
          .filter(filter.userId(ann.id()).build()).build()).items();
      List<TaskRead> paged = new java.util.ArrayList<>();
      TaskQuery.Builder q = TaskQuery.builder().sort(sort).filter(filter.userId(null).build()).limit(3);
      String cursor = null;
      Page<TaskRead> page;
      do {
        page = store.users().tasksOf(ann.id(), q.after(cursor).build());
        paged.addAll(page.items());
        cursor = page.nextCursor().orElse(null);
      } while (cursor != null);
      assertThat(paged).as("%s", sort).hasSize(8).isEqualTo(expected);

      // And back again from the last page, each page in the sort's order.
      List<TaskRead> back = new java.util.ArrayList<>(page.items());
      while (page.previousCursor().isPresent()) {
        page = store.users().tasksOf(ann.id(), q.before(page.previousCursor().get()).build());
        back.addAll(0, page.items());
      }
      assertThat(back).as("back %s", sort).isEqualTo(expected);
    }
  }

  @Test
  void tasksOfAUserWithoutTasksIsAnEmptyPage() {
    UserRead idle = store.users().create("idle@example.org");
    Page<TaskRead> page = store.users().tasksOf(idle.id(), TaskQuery.firstPage());
    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void tasksOfAUserWhoseTasksDoNotMatchIsAnEmptyPage() {
    UserRead ann = store.users().create("ann@example.org");
    store.tasks().create(TaskBase.builder("open").userId(ann.id()).build());
    Page<TaskRead> page = store.users().tasksOf(ann.id(), TaskQuery.builder().filter(TaskFilter.completed(true)).build());
    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void tasksOfWithAnOffsetPastTheEndIsAnEmptyPage() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead idle = store.users().create("idle@example.org");
    store.tasks().create(TaskBase.builder("a").userId(ann.id()).build());
    store.tasks().create(TaskBase.builder("b").userId(ann.id()).build());
    assertThat(store.users().tasksOf(ann.id(), TaskQuery.builder().offset(1).build()).items())
        .extracting(TaskRead::title).containsExactly("b");
    assertThat(store.users().tasksOf(ann.id(), TaskQuery.builder().offset(2).build()).items()).isEmpty();
    assertThat(store.users().tasksOf(idle.id(), TaskQuery.builder().offset(5).build()).items()).isEmpty();
    NotFoundException e = catchThrowableOfType(NotFoundException.class,
        () -> store.users().tasksOf(99, TaskQuery.builder().offset(5).build()));
    assertThat(e.id()).isEqualTo(99);
  }

  @Test
  void tasksOfIsOneRoundTripWhetherTheUserHasTasksHasNoneOrIsMissing() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead idle = store.users().create("idle@example.org");
    store.tasks().create(TaskBase.builder("a").userId(ann.id()).build());
    assertThat(RoundTrips.of(() -> store.users().tasksOf(ann.id(), TaskQuery.firstPage()))).isEqualTo(1);
    assertThat(RoundTrips.of(() -> store.users().tasksOf(idle.id(), TaskQuery.firstPage()))).isEqualTo(1);
    assertThat(RoundTrips.of(() -> catchThrowableOfType(NotFoundException.class,
        () -> store.users().tasksOf(99, TaskQuery.firstPage())))).isEqualTo(1);
  }

  @Test
  void tasksOfAMissingUserThrowsNotFound() {
    NotFoundException e = catchThrowableOfType(NotFoundException.class,
        () -> store.users().tasksOf(99, TaskQuery.firstPage()));
    assertThat(e.entity()).isEqualTo("user");
    assertThat(e.id()).isEqualTo(99);
  }

  @Test
  void findWithTasksReturnsTheUserAndItsTasksInIdOrder() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    TaskRead a1 = store.tasks().create(TaskBase.builder("a1").userId(ann.id()).build());
    store.tasks().create(TaskBase.builder("b1").userId(bob.id()).build());
    TaskRead a2 = store.tasks().create(TaskBase.builder("a2").userId(ann.id()).build());

    UserWithTasks found = store.users().findWithTasks(ann.id()).orElseThrow();
    assertThat(found.user()).isEqualTo(ann);
    assertThat(found.tasks()).containsExactly(a1, a2);
  }

  @Test
  void findWithTasksOfAUserWithoutTasksHasAnEmptyList() {
    UserRead idle = store.users().create("idle@example.org");
    UserWithTasks found = store.users().findWithTasks(idle.id()).orElseThrow();
    assertThat(found.user()).isEqualTo(idle);
    assertThat(found.tasks()).isEmpty();
  }

  @Test
  void findWithTasksOfAMissingUserIsEmpty() {
    assertThat(store.users().findWithTasks(5)).isEmpty();
  }

  @Test
  void findWithTasksReadsAnyNumberOfTasksInOneRoundTrip() {
    UserRead few = store.users().create("few@example.org");
    UserRead many = store.users().create("many@example.org");
    store.tasks().create(TaskBase.builder("only").userId(few.id()).build());
    store.tasks().createAll(java.util.Collections.nCopies(500, TaskBase.builder("t").userId(many.id()).build()));

    RoundTrips.Counted<UserWithTasks> one = RoundTrips.counted(() -> store.users().findWithTasks(few.id())
        .orElseThrow());
    RoundTrips.Counted<UserWithTasks> fiveHundred = RoundTrips.counted(() -> store.users()
        .findWithTasks(many.id()).orElseThrow());
    assertThat(one.value().tasks()).hasSize(1);
    assertThat(fiveHundred.value().tasks()).hasSize(500);
    assertThat(List.of(one.roundTrips(), fiveHundred.roundTrips())).containsOnly(1);
  }
}
