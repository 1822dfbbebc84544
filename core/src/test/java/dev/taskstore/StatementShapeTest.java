package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.internal.Cursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every statement shape the store renders once and then runs on plain JDBC — every combination of list
 * filters with every sort and every way of paging (first page, offset, cursor forward and back), with and without users, every
 * count, every set of updated fields (with and without an expected version), the keyed create, every user and team statement — runs here against PostgreSQL and returns what the filter means, so
 * that a bind value at the wrong marker or a column read at the wrong offset fails the build, not a call.
 */
class StatementShapeTest extends DatabaseTest {

  private static final Instant PIVOT = Instant.parse("2030-06-01T00:00:00Z");
  private static final int LIMIT = 7;
  /** A search whose ranks differ (a title word weighs more than a description word) and tie. */
  private static final String SEARCH = "alpha or about";

  private final List<TaskRead> tasks = new ArrayList<>();
  private UserRead ann;
  private UserRead bob;
  private Map<Long, Float> ranks;

  @BeforeEach
  void aVariedTable() {
    ann = store.users().create("ann@example.org");
    bob = store.users().create("bob@example.org");
    Priority[] priorities = Priority.values();
    for (int i = 0; i < 48; i++) {
      TaskBase.Builder b = TaskBase.builder((i % 3 == 0 ? "Alpha " : "beta ") + i)
          .priority(priorities[i % priorities.length])
          .completed(i % 2 == 0)
          .userId(i % 4 == 3 ? null : (i % 4 == 0 ? ann.id() : bob.id()));
      if (i % 5 != 0) {
        b.dueDate(PIVOT.plusSeconds(3600L * (i - 24)));
      }
      if (i % 7 == 0) {
        b.description("about " + i);
      }
      tasks.add(store.tasks().create(b.build()));
    }
  }

  @Test
  void everyFilterWithEverySortAndPagingReturnsWhatTheFilterMeans() {
    ranks = BackwardPaginationTest.ranks(SEARCH);
    int shapes = 0;
    for (TaskFilter filter : everyFilter()) {
      List<TaskRead> matching = tasks.stream().filter(matches(filter)).toList();

      assertThat(store.tasks().count(filter)).as("count %s", filter).isEqualTo(matching.size());
      Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
      for (Priority p : Priority.values()) {
        byPriority.put(p, matching.stream().filter(t -> t.priority() == p).count());
      }
      assertThat(store.tasks().countByPriority(filter)).as("by priority %s", filter).isEqualTo(byPriority);
      Map<Long, Long> perUser = new LinkedHashMap<>();
      matching.stream().filter(t -> t.userId().isPresent()).map(t -> t.userId().get()).sorted()
          .forEach(u -> perUser.merge(u, 1L, Long::sum));
      assertThat(store.users().countTasksPerUser(filter)).as("per user %s", filter).isEqualTo(perUser);

      for (TaskSort sort : TaskSort.values()) {
        if (sort == TaskSort.RELEVANCE && filter.search().isEmpty()) {
          continue; // refused when the query is built (HostileInputTest)
        }
        Comparator<TaskRead> order = order(sort);
        List<TaskRead> sorted = matching.stream().sorted(order).toList();
        TaskQuery first = TaskQuery.builder().filter(filter).sort(sort).limit(LIMIT).build();
        Page<TaskRead> page = store.tasks().list(first);
        assertThat(page.items()).as("%s %s", filter, sort).isEqualTo(slice(sorted, 0));
        assertThat(store.tasks().listWithUsers(first).items()).extracting(TaskWithUser::task)
            .isEqualTo(slice(sorted, 0));

        TaskQuery offset = TaskQuery.builder().filter(filter).sort(sort).limit(LIMIT).offset(3).build();
        assertThat(store.tasks().list(offset).items()).isEqualTo(slice(sorted, 3));
        assertThat(store.tasks().listWithUsers(offset).items()).extracting(TaskWithUser::task)
            .isEqualTo(slice(sorted, 3));

        if (page.nextCursor().isPresent()) {
          TaskQuery next = TaskQuery.builder().filter(filter).sort(sort).limit(LIMIT)
              .after(page.nextCursor().get()).build();
          Page<TaskRead> second = store.tasks().list(next);
          assertThat(second.items()).isEqualTo(slice(sorted, LIMIT));
          List<TaskWithUser> withUsers = store.tasks().listWithUsers(next).items();
          assertThat(withUsers).extracting(TaskWithUser::task).isEqualTo(slice(sorted, LIMIT));
          for (TaskWithUser row : withUsers) {
            assertThat(row.user().map(UserRead::id)).isEqualTo(row.task().userId());
          }
          TaskQuery back = TaskQuery.builder().filter(filter).sort(sort).limit(LIMIT)
              .before(second.previousCursor().orElseThrow()).build();
          assertThat(store.tasks().list(back)).isEqualTo(page);
          assertThat(store.tasks().listWithUsers(back).items()).extracting(TaskWithUser::task)
              .isEqualTo(page.items());
        }

        // Every cursor shape, whatever the filter matches: cursors at a row in the middle of the table (which
        // need not match the filter; a cursor is only a position), forward and back.
        TaskRead pivot = tasks.get(tasks.size() / 2);
        List<TaskRead> afterPivot = sorted.stream().filter(t -> order.compare(t, pivot) > 0).toList();
        List<TaskRead> beforePivot = sorted.stream().filter(t -> order.compare(t, pivot) < 0).toList();
        for (boolean backward : new boolean[] {false, true}) {
          String at = new Cursor(sort, Cursor.filterHash(filter), key(sort, pivot), pivot.id(), backward).encode();
          TaskQuery.Builder q = TaskQuery.builder().filter(filter).sort(sort).limit(LIMIT);
          TaskQuery fromPivot = backward ? q.before(at).build() : q.after(at).build();
          List<TaskRead> expected = backward
              ? beforePivot.subList(Math.max(0, beforePivot.size() - LIMIT), beforePivot.size())
              : afterPivot.subList(0, Math.min(LIMIT, afterPivot.size()));
          assertThat(store.tasks().list(fromPivot).items()).as("%s %s from the pivot, back %s", filter, sort,
              backward).isEqualTo(expected);
          assertThat(store.tasks().listWithUsers(fromPivot).items()).extracting(TaskWithUser::task)
              .isEqualTo(expected);
        }
        shapes++;
      }
    }
    // Three completion states times every subset of the other conditions, in every sort; relevance only for
    // the half of the subsets that hold the search.
    int subsets = 1 << conditions.size();
    assertThat(shapes).isEqualTo(3 * subsets * (TaskSort.values().length - 1) + 3 * subsets / 2);
  }

  @Test
  void everySetOfUpdatedFieldsWritesThoseFieldsAndNoOthers() {
    everySetOfUpdatedFields((before, update) -> store.tasks().update(before.id(), update));
  }

  /**
   * The versioned UPDATE of every set of fields: at the expected version it writes like the plain one; at a stale
   * version it writes nothing and reads the row's version from the same statement.
   */
  @Test
  void everySetOfUpdatedFieldsWithAnExpectedVersionWritesOnlyAtThatVersion() {
    everySetOfUpdatedFields((before, update) -> {
      assertThatThrownBy(() -> store.tasks().update(before.id(), update, before.version() + 1))
          .isInstanceOfSatisfying(StaleVersionException.class,
              e -> assertThat(e.currentVersion()).isEqualTo(before.version()));
      assertThat(store.tasks().get(before.id())).isEqualTo(before);
      return store.tasks().update(before.id(), update, before.version());
    });
  }

  private void everySetOfUpdatedFields(BiFunction<TaskRead, TaskUpdate, TaskRead> apply) {
    TaskUpdate.Field[] fields = TaskUpdate.Field.values();
    for (int mask = 1; mask < 1 << fields.length; mask++) {
      Set<TaskUpdate.Field> set = EnumSet.noneOf(TaskUpdate.Field.class);
      for (TaskUpdate.Field f : fields) {
        if ((mask & 1 << f.ordinal()) != 0) {
          set.add(f);
        }
      }
      TaskRead before = tasks.get(mask % tasks.size());
      TaskUpdate.Builder u = TaskUpdate.builder();
      boolean clear = mask % 2 == 0; // every other shape sets the nullable fields to null
      String title = "updated " + mask;
      String description = clear ? null : "described " + mask;
      Priority priority = before.priority() == Priority.HIGH ? Priority.LOW : Priority.HIGH;
      boolean completed = !before.completed();
      Instant due = clear ? null : PIVOT.plusSeconds(mask);
      Long user = clear ? null : (before.userId().equals(Optional.of(ann.id())) ? bob.id() : ann.id());
      set.forEach(f -> {
        switch (f) {
          case TITLE -> u.title(title);
          case DESCRIPTION -> u.description(description);
          case PRIORITY -> u.priority(priority);
          case COMPLETED -> u.completed(completed);
          case DUE_DATE -> u.dueDate(due);
          case USER_ID -> u.userId(user);
        }
      });

      TaskRead after = apply.apply(before, u.build());

      assertThat(after.title()).isEqualTo(set.contains(TaskUpdate.Field.TITLE) ? title : before.title());
      assertThat(after.description().orElse(null))
          .isEqualTo(set.contains(TaskUpdate.Field.DESCRIPTION) ? description : before.description().orElse(null));
      assertThat(after.priority()).isEqualTo(set.contains(TaskUpdate.Field.PRIORITY) ? priority : before.priority());
      assertThat(after.completed())
          .isEqualTo(set.contains(TaskUpdate.Field.COMPLETED) ? completed : before.completed());
      assertThat(after.dueDate().orElse(null))
          .isEqualTo(set.contains(TaskUpdate.Field.DUE_DATE) ? due : before.dueDate().orElse(null));
      assertThat(after.userId().orElse(null))
          .isEqualTo(set.contains(TaskUpdate.Field.USER_ID) ? user : before.userId().orElse(null));
      assertThat(after.createdAt()).isEqualTo(before.createdAt());
      assertThat(after.version()).isEqualTo(before.version() + 1);
      assertThat(after.updatedAt()).isAfter(before.updatedAt());
      assertThat(store.tasks().get(before.id())).isEqualTo(after);
      tasks.set(tasks.indexOf(before), after);
    }
  }

  /**
   * The keyed INSERT … ON CONFLICT DO NOTHING beside a read of the key, every column set: the first create
   * inserts and reads back what it wrote; a retry reads the same row through the other branch; other content is a
   * conflict. The plain insert and the bulk insert write the key and fingerprint columns too.
   */
  @Test
  void theKeyedCreateWritesAndReadsEveryColumn() {
    TaskBase full = TaskBase.builder("keyed").description("every column").priority(Priority.LOW).completed(true)
        .dueDate(PIVOT).userId(ann.id()).idempotencyKey("shape-1").build();

    TaskRead created = store.tasks().create(full);

    assertThat(created).isEqualTo(new TaskRead(created.id(), "keyed", Optional.of("every column"), Priority.LOW,
        true, Optional.of(PIVOT), created.createdAt(), Optional.of(ann.id()), created.createdAt(), 1));
    assertThat(store.tasks().get(created.id())).isEqualTo(created);
    assertThat(store.tasks().create(full)).isEqualTo(created);
    assertThat(catchThrowable(() -> store.tasks().create(TaskBase.builder("keyed").idempotencyKey("shape-1")
        .build()))).isInstanceOf(IdempotencyConflictException.class);

    List<Long> bulk = store.tasks().createAll(List.of(
        TaskBase.builder("bulk keyed").userId(bob.id()).idempotencyKey("shape-2").build(), TaskBase.of("bulk")));
    assertThat(store.tasks().create(TaskBase.builder("bulk keyed").userId(bob.id()).idempotencyKey("shape-2")
        .build()).id()).isEqualTo(bulk.get(0));
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task WHERE idempotency_key IS NOT NULL "
        + "AND idempotency_fingerprint IS NOT NULL")).isEqualTo(2);
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task WHERE idempotency_key IS NULL "
        + "AND idempotency_fingerprint IS NULL")).isEqualTo(tasks.size() + 1);
  }

  /** The optional conditions of a filter besides the completion state: every subset of them is a shape. */
  private final List<UnaryOperator<TaskFilter.Builder>> conditions = List.of(
      f -> f.priority(Priority.MEDIUM),
      f -> f.userId(bob.id()),
      f -> f.dueBefore(PIVOT.plusSeconds(3600L * 10)),
      f -> f.dueAfter(PIVOT.minusSeconds(3600L * 10)),
      f -> f.titleContains("ALPHA"),
      f -> f.search(SEARCH));

  private List<TaskFilter> everyFilter() {
    List<TaskFilter> filters = new ArrayList<>();
    Boolean[] completed = {null, true, false};
    for (Boolean c : completed) {
      for (int bits = 0; bits < 1 << conditions.size(); bits++) {
        TaskFilter.Builder f = TaskFilter.builder().completed(c);
        for (int i = 0; i < conditions.size(); i++) {
          if ((bits & 1 << i) != 0) {
            conditions.get(i).apply(f);
          }
        }
        filters.add(f.build());
      }
    }
    return filters;
  }

  private static Predicate<TaskRead> matches(TaskFilter f) {
    return t -> f.completed().map(c -> t.completed() == c).orElse(true)
        && f.priority().map(p -> t.priority() == p).orElse(true)
        && f.userId().map(u -> t.userId().equals(Optional.of(u))).orElse(true)
        && f.dueBefore().map(d -> t.dueDate().map(due -> due.isBefore(d)).orElse(false)).orElse(true)
        && f.dueAfter().map(d -> t.dueDate().map(due -> !due.isBefore(d)).orElse(false)).orElse(true)
        && f.titleContains().map(s -> t.title().toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT)))
            .orElse(true)
        && f.search().map(s -> words(t).contains("alpha") || words(t).contains("about")).orElse(true);
  }

  /** A task's words as the {@code simple} text search configuration reads them: lower case, split at the rest. */
  private static List<String> words(TaskRead t) {
    return List.of((t.title() + " " + t.description().orElse("")).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"));
  }

  /** The cursor key of a row: what {@code Page} cursors hold for it. */
  private long key(TaskSort sort, TaskRead t) {
    return switch (sort) {
      case ID_ASC, ID_DESC -> 0;
      case CREATED_AT_ASC, CREATED_AT_DESC -> Cursor.micros(t.createdAt());
      case RELEVANCE -> Cursor.rankKey(ranks.get(t.id()));
    };
  }

  private Comparator<TaskRead> order(TaskSort sort) {
    Comparator<TaskRead> byId = Comparator.comparingLong(TaskRead::id);
    Comparator<TaskRead> byCreated = Comparator.comparing(TaskRead::createdAt).thenComparing(byId);
    return switch (sort) {
      case ID_ASC -> byId;
      case ID_DESC -> byId.reversed();
      case CREATED_AT_ASC -> byCreated;
      case CREATED_AT_DESC -> byCreated.reversed();
      // Best first by the rank PostgreSQL gives each task for the search, then by id descending.
      case RELEVANCE -> Comparator.<TaskRead, Float>comparing(t -> ranks.get(t.id())).thenComparing(byId).reversed();
    };
  }

  @Test
  void everyUserAndTeamStatementReadsTheRowsItWrote() {
    UserRead carl = store.users().create("Carl@example.org");
    assertThat(carl.email()).isEqualTo("Carl@example.org");
    assertThat(carl.createdAt()).isNotNull();
    assertThat(store.users().findById(carl.id())).contains(carl);
    assertThat(store.users().findByEmail("CARL@example.org")).contains(carl);
    assertThat(store.users().getOrCreate("carl@EXAMPLE.org")).isEqualTo(new FoundOrCreated<>(carl, false));
    UserWithTasks annWithTasks = store.users().findWithTasks(ann.id()).orElseThrow();
    assertThat(annWithTasks.user()).isEqualTo(ann);
    assertThat(annWithTasks.tasks()).isEqualTo(tasks.stream()
        .filter(t -> t.userId().equals(Optional.of(ann.id()))).toList());
    assertThat(store.users().findWithTasks(carl.id())).contains(new UserWithTasks(carl, List.of()));

    TeamRead red = store.teams().create("Red");
    TeamRead blue = store.teams().create("Blue");
    assertThat(store.teams().findById(red.id())).contains(red);
    assertThat(store.teams().findWithMembers(red.id())).contains(new TeamWithMembers(red, List.of()));
    assertThat(store.teams().addMember(red.id(), bob.id())).isTrue();
    assertThat(store.teams().addMember(red.id(), ann.id())).isTrue();
    assertThat(store.teams().addMember(red.id(), ann.id())).isFalse();
    assertThat(store.teams().addMember(blue.id(), ann.id())).isTrue();
    assertThat(store.teams().findWithMembers(red.id())).contains(new TeamWithMembers(red, List.of(ann, bob)));
    assertThat(store.teams().teamsOf(ann.id())).containsExactly(red, blue);
    assertThat(store.teams().teamsOf(carl.id())).isEmpty();
    assertThat(store.teams().removeMember(red.id(), ann.id())).isTrue();
    assertThat(store.teams().removeMember(red.id(), ann.id())).isFalse();
    assertThat(store.teams().members(red.id())).containsExactly(bob);

    assertThat(store.teams().delete(blue.id())).isTrue();
    assertThat(store.teams().findById(blue.id())).isEmpty();
    assertThat(store.users().delete(carl.id())).isTrue();
    assertThat(store.users().findById(carl.id())).isEmpty();
    assertThat(store.users().delete(carl.id())).isFalse();
  }

  private static List<TaskRead> slice(List<TaskRead> sorted, int from) {
    return sorted.subList(Math.min(from, sorted.size()), Math.min(from + LIMIT, sorted.size()));
  }
}
