package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.taskstore.DatabaseTest;
import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.IdempotencyConflictException;
import dev.taskstore.NotFoundException;
import dev.taskstore.Page;
import dev.taskstore.Priority;
import dev.taskstore.StaleVersionException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskSort;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreException;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TeamCreate;
import dev.taskstore.TestDatabase;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.UserCreate;
import dev.taskstore.UserRead;
import dev.taskstore.ValidationException;
import dev.taskstore.internal.Cursor;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and odd input, one row of the table per case: each is either rejected with one exact exception
 * type (for {@link ValidationException}, also the field it names) or stored and read back exactly. After every
 * case the schema's tables are all still there, so no payload ran as SQL.
 *
 * <p>Ids: an id passed to a method ({@code get(0)}, {@code findById(-1)}, {@code addMember(team, -1)}) names
 * no row when it is not positive, so it behaves like any unknown id (empty, false or
 * {@link NotFoundException}); an id inside a record ({@code TaskBase.userId}, {@code TaskFilter.userId},
 * {@code TaskUpdate.userId}) must be positive, else {@link ValidationException}.
 */
@Tag("reliability")
class HostileInputTest extends DatabaseTest {

  private static final String MEGABYTE = "x".repeat(1 << 20);
  private static final List<String> TABLES = List.of("task", "taskstore_schema_history", "team", "teamuserlink", "user");

  /** One row of the table: a name and what must hold. */
  record Case(String name, Consumer<TaskStore> check) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(nulBytes(), sizes(), blanks(), priorities(), unicode(), injection(), likeWildcards(),
        cursors(), previousCursors(), fullTextSearch(), pageBounds(), ids(), dates(), emails(), links(), versions(),
        idempotencyKeys()).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void hostileInputIsRejectedPreciselyOrStoredExactly(Case c) {
    c.check().accept(store);
  }

  @AfterEach
  void everyTableIsStillThere() {
    for (String table : TABLES) {
      assertThat(TestDatabase.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
          + "AND tablename = '" + table + "'")).as("table %s exists", table).isEqualTo(1);
    }
  }

  // ---- NUL bytes: PostgreSQL cannot store U+0000 in text; rejected before any SQL ----

  private static Stream<Case> nulBytes() {
    return Stream.of(
        invalid("NUL in a title", "title", s -> TaskBase.of("before\u0000after")),
        invalid("NUL in a description", "description", s -> TaskBase.builder("t").description("\u0000").build()),
        invalid("NUL in an email", "email", s -> new UserCreate("ann\u0000@example.org")),
        invalid("NUL in a team name", "name", s -> new TeamCreate("team\u0000")),
        invalid("NUL in search text", "titleContains", s -> TaskFilter.builder().titleContains("\u0000").build()),
        invalid("NUL in an email lookup", "email", s -> s.users().findByEmail("a\u0000@b.c")),
        invalid("NUL in an updated title", "title", s -> TaskUpdate.builder().title("\u0000")));
  }

  // ---- sizes: 1 MB and 100 MB strings are refused at once; the exact limits are accepted ----

  private static Stream<Case> sizes() {
    return Stream.of(
        invalid("1 MB title", "title", s -> TaskBase.of(MEGABYTE)),
        invalid("1 MB description", "description", s -> TaskBase.builder("t").description(MEGABYTE).build()),
        invalid("100 MB description", "description",
            s -> TaskBase.builder("t").description(MEGABYTE.repeat(100)).build()),
        invalid("1 MB email", "email", s -> new UserCreate(MEGABYTE + "@example.org")),
        invalid("1 MB team name", "name", s -> new TeamCreate(MEGABYTE)),
        invalid("100 MB search text", "titleContains",
            s -> TaskFilter.builder().titleContains(MEGABYTE.repeat(100)).build()),
        invalid("1 MB email lookup", "email", s -> s.users().findByEmail(MEGABYTE)),
        invalid("501-character title", "title", s -> TaskBase.of("😀".repeat(501))),
        titleRoundTrip("500 emoji title (1,000 UTF-16 units)", "😀".repeat(500)),
        roundTrip("10,000-character description", s -> {
          String text = "é".repeat(TaskBase.MAX_DESCRIPTION_LENGTH);
          TaskRead t = s.tasks().create(TaskBase.builder("long").description(text).build());
          assertThat(s.tasks().get(t.id()).description()).contains(text);
        }),
        invalid("10,001-character description", "description",
            s -> TaskBase.builder("t").description("é".repeat(TaskBase.MAX_DESCRIPTION_LENGTH + 1)).build()));
  }

  // ---- empty and blank text ----

  private static Stream<Case> blanks() {
    return Stream.of(
        invalid("empty title", "title", s -> TaskBase.of("")),
        invalid("whitespace-only title", "title", s -> TaskBase.of(" \t\r\n ")),
        invalid("title of Unicode spaces (em space, ideographic space)", "title", s -> TaskBase.of("\u2003\u3000")),
        invalid("null title", "title", s -> TaskBase.of(null)),
        invalid("empty team name", "name", s -> new TeamCreate("")),
        invalid("whitespace-only team name", "name", s -> new TeamCreate("   ")),
        invalid("whitespace-only email", "email", s -> new UserCreate("   ")),
        invalid("update to a blank title", "title", s -> TaskUpdate.builder().title("\t")),
        titleRoundTrip("zero-width-space title (not white space)", "\u200B"));
  }

  // ---- priorities as an HTTP API receives them ----

  private static Stream<Case> priorities() {
    return Stream.of(
        invalid("unknown priority", "priority", s -> Priority.parse("urgent")),
        invalid("empty priority", "priority", s -> Priority.parse("")),
        invalid("null priority text", "priority", s -> Priority.parse(null)),
        invalid("priority with surrounding space", "priority", s -> Priority.parse(" high")),
        invalid("priority with a Cyrillic 'о'", "priority", s -> Priority.parse("l\u043Ew")),
        invalid("SQL in a priority", "priority", s -> Priority.parse("high'; DROP TABLE task; --")),
        invalid("null priority", "priority", s -> TaskBase.builder("t").priority(null).build()),
        roundTrip("priority in mixed case", s -> {
          TaskRead t = s.tasks().create(TaskBase.builder("p").priority(Priority.parse("HiGh")).build());
          assertThat(s.tasks().get(t.id()).priority()).isEqualTo(Priority.HIGH);
          assertThat(TestDatabase.queryLong("SELECT count(*) FROM task WHERE priority = 'high'")).isEqualTo(1);
        }));
  }

  // ---- Unicode: stored exactly as given, never normalised; broken UTF-16 is refused ----

  private static Stream<Case> unicode() {
    return Stream.of(
        titleRoundTrip("emoji with skin tone and ZWJ sequence", "Ship it 🚀 👩🏽‍💻 👨‍👩‍👧‍👦"),
        titleRoundTrip("right-to-left text with bidi overrides", "\u202Eשלום\u202C مرحبا \u202Dabc"),
        titleRoundTrip("combining characters", "Z\u0351\u0364a\u0310\u0300l\u0341g\u0366o\u0308 e\u0301"),
        roundTrip("precomposed and decomposed é stay different", s -> {
          long composed = s.tasks().create(TaskBase.of("caf\u00E9")).id();
          long decomposed = s.tasks().create(TaskBase.of("cafe\u0301")).id();
          assertThat(s.tasks().get(composed).title()).isEqualTo("caf\u00E9");
          assertThat(s.tasks().get(decomposed).title()).isEqualTo("cafe\u0301");
          assertThat(s.tasks().count(TaskFilter.builder().titleContains("e\u0301").build())).isEqualTo(1);
        }),
        invalid("lone high surrogate in a title", "title", s -> TaskBase.of("a\uD83D")),
        invalid("lone low surrogate in a description", "description",
            s -> TaskBase.builder("t").description("\uDE00b").build()),
        invalid("reversed surrogate pair in a team name", "name", s -> new TeamCreate("\uDE00\uD83D")),
        invalid("lone surrogate in an email", "email", s -> new UserCreate("\uD800@example.org")),
        invalid("lone surrogate in search text", "titleContains",
            s -> TaskFilter.builder().titleContains("\uDFFF").build()),
        invalid("email of two characters in three UTF-16 units", "email", s -> new UserCreate("😀@")),
        roundTrip("email outside the Basic Multilingual Plane", s -> {
          UserRead u = s.users().create("😀@example.org");
          assertThat(s.users().get(u.id()).email()).isEqualTo("😀@example.org");
          assertThat(s.users().findByEmail("😀@EXAMPLE.ORG")).contains(u);
        }));
  }

  // ---- SQL injection: every payload is data, stored and matched verbatim ----

  private static final List<String> PAYLOADS = List.of(
      "'); DROP TABLE task; --",
      "Robert'); DROP TABLE \"user\" CASCADE; --",
      "x\"; DROP TABLE team CASCADE; --",
      "$$; DROP TABLE teamuserlink; $$",
      "\\'; TRUNCATE task; --",
      "1; SELECT pg_sleep(30); --",
      "' OR '1'='1",
      "/* */ UNION SELECT id, email FROM \"user\" --");

  private static Stream<Case> injection() {
    Stream<Case> titles = PAYLOADS.stream().map(p -> roundTrip("SQL in a title and its search: " + p, s -> {
      s.tasks().create(TaskBase.of("innocent"));
      TaskRead t = s.tasks().create(TaskBase.of(p));
      assertThat(s.tasks().get(t.id()).title()).isEqualTo(p);
      assertThat(s.tasks().list(TaskQuery.builder().filter(TaskFilter.builder().titleContains(p).build()).build())
          .items()).containsExactly(t);
      assertThat(s.tasks().count(TaskFilter.all())).isEqualTo(2);
    }));
    Stream<Case> others = Stream.of(
        roundTrip("SQL in a description", s -> {
          String p = PAYLOADS.get(1);
          TaskRead t = s.tasks().create(TaskBase.builder("t").description(p).build());
          assertThat(s.tasks().get(t.id()).description()).contains(p);
        }),
        roundTrip("SQL in an email, found by the same text", s -> {
          String email = "x'); DROP TABLE teamuserlink; --@example.org";
          UserRead u = s.users().create(email);
          assertThat(s.users().findByEmail(email)).contains(u);
          assertThat(s.users().findByEmail("' OR '1'='1")).isEmpty();
        }),
        roundTrip("SQL in a team name", s -> {
          String p = PAYLOADS.get(2);
          assertThat(s.teams().get(s.teams().create(p).id()).name()).isEqualTo(p);
        }),
        roundTrip("SQL in an updated title", s -> {
          long id = s.tasks().create(TaskBase.of("t")).id();
          String p = PAYLOADS.get(0);
          assertThat(s.tasks().update(id, TaskUpdate.builder().title(p).description(p).build()).title())
              .isEqualTo(p);
          assertThat(s.tasks().get(id).description()).contains(p);
        }),
        roundTrip("SQL in search text matches nothing when no title holds it", s -> {
          s.tasks().create(TaskBase.of("innocent"));
          assertThat(s.tasks().count(TaskFilter.builder().titleContains("' OR 1=1 --").build())).isZero();
          assertThat(s.tasks().count(TaskFilter.builder().titleContains("%'; DELETE FROM task; --").build()))
              .isZero();
          assertThat(s.tasks().count(TaskFilter.all())).isEqualTo(1);
        }));
    return Stream.concat(titles, others);
  }

  // ---- LIKE wildcards in search text match themselves ----

  private static Stream<Case> likeWildcards() {
    return Stream.of(
        search("'%' matches only a literal percent sign", "%", "50% off", "50 off"),
        search("'_' matches only a literal underscore", "_", "snake_case", "snakeXcase"),
        search("'\\' matches only a literal backslash", "\\", "C:\\temp", "C:/temp"),
        search("'%_\\' matches only that sequence", "%_\\", "odd %_\\ title", "odd %x\\ title"),
        search("search ignores letter case", "REPORT", "Write the report", "Write the summary"),
        roundTrip("empty search text matches every title", s -> {
          s.tasks().create(TaskBase.of("a"));
          s.tasks().create(TaskBase.of("b"));
          assertThat(s.tasks().count(TaskFilter.builder().titleContains("").build())).isEqualTo(2);
        }));
  }

  // ---- pagination cursors ----

  private static Stream<Case> cursors() {
    return Stream.of(
        invalid("forged cursor text", "cursor", s -> s.tasks().list(after("not-a-cursor"))),
        invalid("empty cursor", "cursor", s -> s.tasks().list(after(""))),
        invalid("cursor that is not Base64", "cursor", s -> s.tasks().list(after("!!!!!!!!"))),
        invalid("random bytes as a cursor", "cursor", s -> s.tasks().list(after(
            Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[26])))),
        invalid("1 MB cursor", "cursor", s -> s.tasks().list(after(MEGABYTE))),
        invalid("truncated cursor", "cursor", s -> {
          String c = realCursor(s, TaskSort.ID_ASC);
          s.tasks().list(after(c.substring(0, c.length() - 3)));
        }),
        invalid("tampered cursor", "cursor", s -> {
          String c = realCursor(s, TaskSort.ID_ASC);
          char[] chars = c.toCharArray();
          chars[20] = chars[20] == 'A' ? 'B' : 'A';
          s.tasks().list(after(new String(chars)));
        }),
        invalid("cursor from another sort", "cursor", s -> s.tasks().list(TaskQuery.builder()
            .sort(TaskSort.ID_DESC).after(realCursor(s, TaskSort.ID_ASC)).limit(1).build())),
        invalid("cursor from another filter", "cursor", s -> s.tasks().list(TaskQuery.builder()
            .filter(TaskFilter.completed(false)).after(realCursor(s, TaskSort.ID_ASC)).limit(1).build())),
        invalid("cursor combined with an offset", "cursor",
            s -> TaskQuery.builder().after(realCursor(s, TaskSort.ID_ASC)).offset(1).build()),
        roundTrip("well-formed cursor past the last id gives an empty page", s -> {
          s.tasks().create(TaskBase.of("t"));
          String forged = new Cursor(TaskSort.ID_ASC, Cursor.filterHash(TaskFilter.all()), 0, Long.MAX_VALUE)
              .encode();
          Page<TaskRead> page = s.tasks().list(after(forged));
          assertThat(page.items()).isEmpty();
          assertThat(page.nextCursor()).isEmpty();
        }));
  }

  // ---- previous cursors (paging back): the same rules as forward cursors, and each only in its direction ----

  private static Stream<Case> previousCursors() {
    return Stream.of(
        invalid("previous cursor from another sort", "cursor", s -> s.tasks().list(TaskQuery.builder()
            .sort(TaskSort.ID_DESC).before(previousCursor(s, TaskSort.ID_ASC)).limit(1).build())),
        invalid("previous cursor from another filter", "cursor", s -> s.tasks().list(TaskQuery.builder()
            .filter(TaskFilter.completed(false)).before(previousCursor(s, TaskSort.ID_ASC)).limit(1).build())),
        invalid("previous cursor from a sort by id used with relevance", "cursor", s -> s.tasks().list(
            TaskQuery.builder().filter(TaskFilter.search("first")).sort(TaskSort.RELEVANCE)
                .before(previousCursor(s, TaskSort.ID_ASC)).limit(1).build())),
        invalid("previous cursor passed to after()", "cursor",
            s -> s.tasks().list(after(previousCursor(s, TaskSort.ID_ASC)))),
        invalid("next cursor passed to before()", "cursor", s -> s.tasks().list(TaskQuery.builder()
            .before(realCursor(s, TaskSort.ID_ASC)).build())),
        invalid("tampered previous cursor", "cursor", s -> {
          char[] chars = previousCursor(s, TaskSort.CREATED_AT_DESC).toCharArray();
          chars[12] = chars[12] == 'A' ? 'B' : 'A';
          s.tasks().list(TaskQuery.builder().sort(TaskSort.CREATED_AT_DESC).before(new String(chars)).build());
        }),
        invalid("1 MB previous cursor", "cursor",
            s -> s.tasks().list(TaskQuery.builder().before(MEGABYTE).build())),
        invalid("previous cursor combined with an offset", "before",
            s -> TaskQuery.builder().before(previousCursor(s, TaskSort.ID_ASC)).offset(1).build()),
        invalid("previous and next cursor together", "before", s -> new TaskQuery(TaskFilter.all(), TaskSort.ID_ASC,
            10, 0, java.util.Optional.of(realCursor(s, TaskSort.ID_ASC)),
            java.util.Optional.of(previousCursor(s, TaskSort.ID_ASC)))),
        roundTrip("well-formed previous cursor before the first id gives an empty page without cursors", s -> {
          s.tasks().create(TaskBase.of("t"));
          String forged = new Cursor(TaskSort.ID_ASC, Cursor.filterHash(TaskFilter.all()), 0, 1, true).encode();
          Page<TaskRead> page = s.tasks().list(TaskQuery.builder().before(forged).build());
          assertThat(page.items()).isEmpty();
          assertThat(page.nextCursor()).isEmpty();
          assertThat(page.previousCursor()).isEmpty();
        }));
  }

  // ---- full-text search: any text is a search, never SQL and never a syntax error ----

  private static Stream<Case> fullTextSearch() {
    Stream<Case> payloads = PAYLOADS.stream().map(p -> roundTrip("SQL as a full-text search: " + p, s -> {
      TaskRead t = s.tasks().create(TaskBase.of(p));
      s.tasks().create(TaskBase.of("innocent"));
      TaskFilter f = TaskFilter.search(p);
      // websearch_to_tsquery reads the payload as words (and a leading '-' word as "not"): whatever it
      // matches, it is the payload's own task or nothing, never an error.
      assertThat(s.tasks().list(TaskQuery.builder().filter(f).sort(TaskSort.RELEVANCE).build()).items())
          .isSubsetOf(t);
      assertThat(s.tasks().count(f)).isBetween(0L, 1L);
    }));
    return Stream.concat(Stream.of(
        invalid("empty search", "search", s -> TaskFilter.search("")),
        invalid("whitespace-only search", "search", s -> TaskFilter.search(" \t\n\u3000")),
        invalid("null search through the shortcut", "search", s -> TaskFilter.search(null)),
        invalid("10,000-character search", "search", s -> TaskFilter.search("word ".repeat(2_000))),
        invalid("100 MB search", "search", s -> TaskFilter.search(MEGABYTE.repeat(100))),
        invalid("NUL in a search", "search", s -> TaskFilter.search("a\u0000b")),
        invalid("lone surrogate in a search", "search", s -> TaskFilter.search("a\uD83D")),
        invalid("relevance sort without a search", "sort",
            s -> TaskQuery.builder().sort(TaskSort.RELEVANCE).build()),
        roundTrip("search of the longest length accepted (1,000 characters)", s -> {
          TaskRead t = s.tasks().create(TaskBase.of("needle"));
          String allWords = "needle" + " x".repeat((TaskFilter.MAX_SEARCH_LENGTH - 6) / 2);
          assertThat(allWords).hasSize(TaskFilter.MAX_SEARCH_LENGTH);
          assertThat(s.tasks().count(TaskFilter.search(allWords))).isZero(); // no task holds the word x
          assertThat(s.tasks().list(TaskQuery.builder().filter(TaskFilter.search("needle" + " or x".repeat(198)))
              .build()).items()).containsExactly(t);
        }),
        invalid("search one character longer than accepted", "search",
            s -> TaskFilter.search("x".repeat(TaskFilter.MAX_SEARCH_LENGTH + 1))),
        roundTrip("search of operators or excluded words only (\"\" - OR) matches nothing: an empty page, count 0", s -> {
          s.tasks().create(TaskBase.of("OR - \"\""));
          s.tasks().create(TaskBase.of("anything"));
          for (String operators : List.of("\"\" - OR", "-", "\"", "-anything", "!!! & | <-> :*", "()")) {
            TaskFilter f = TaskFilter.search(operators);
            Page<TaskRead> page = s.tasks().list(TaskQuery.builder().filter(f).sort(TaskSort.RELEVANCE).build());
            assertThat(page.items()).as(operators).isEmpty();
            assertThat(page.nextCursor()).isEmpty();
            assertThat(s.tasks().count(f)).as(operators).isZero();
          }
        }),
        roundTrip("tsquery syntax is read as words, not as a query", s -> {
          TaskRead t = s.tasks().create(TaskBase.of("cats and dogs"));
          assertThat(s.tasks().list(TaskQuery.builder().filter(TaskFilter.search("cat:* & !dogs")).build())
              .items()).isEmpty();
          assertThat(s.tasks().list(TaskQuery.builder().filter(TaskFilter.search("(cats) & dogs!")).build())
              .items()).containsExactly(t);
        })), payloads);
  }

  // ---- page sizes and offsets ----

  private static Stream<Case> pageBounds() {
    return Stream.of(
        invalid("limit 0", "limit", s -> TaskQuery.builder().limit(0).build()),
        invalid("negative limit", "limit", s -> TaskQuery.builder().limit(-1).build()),
        invalid("limit Integer.MAX_VALUE", "limit", s -> TaskQuery.builder().limit(Integer.MAX_VALUE).build()),
        invalid("limit Integer.MIN_VALUE", "limit", s -> TaskQuery.builder().limit(Integer.MIN_VALUE).build()),
        invalid("negative offset", "offset", s -> TaskQuery.builder().offset(-1).build()),
        invalid("offset Long.MAX_VALUE", "offset", s -> TaskQuery.builder().offset(Long.MAX_VALUE).build()),
        invalid("offset Long.MIN_VALUE", "offset", s -> TaskQuery.builder().offset(Long.MIN_VALUE).build()),
        roundTrip("largest limit and offset are served", s -> {
          s.tasks().createAll(Stream.generate(() -> TaskBase.of("t")).limit(1_001).toList());
          Page<TaskRead> first = s.tasks().list(TaskQuery.builder().limit(TaskQuery.MAX_LIMIT).build());
          assertThat(first.items()).hasSize(TaskQuery.MAX_LIMIT);
          assertThat(first.nextCursor()).isPresent();
          assertThat(s.tasks().list(TaskQuery.builder().offset(TaskQuery.MAX_OFFSET).build()).items()).isEmpty();
        }));
  }

  // ---- ids ----

  private static Stream<Case> ids() {
    return Stream.of(
        roundTrip("findById of 0, -1, MIN and MAX finds nothing", s -> {
          for (long id : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(s.tasks().findById(id)).isEmpty();
            assertThat(s.users().findById(id)).isEmpty();
            assertThat(s.teams().findById(id)).isEmpty();
            assertThat(s.tasks().findWithUser(id)).isEmpty();
            assertThat(s.users().findWithTasks(id)).isEmpty();
            assertThat(s.teams().findWithMembers(id)).isEmpty();
          }
        }),
        notFound("get task 0", "task", 0, s -> s.tasks().get(0)),
        notFound("get task Long.MIN_VALUE", "task", Long.MIN_VALUE, s -> s.tasks().get(Long.MIN_VALUE)),
        notFound("get user -1", "user", -1, s -> s.users().get(-1)),
        notFound("get team Long.MAX_VALUE", "team", Long.MAX_VALUE, s -> s.teams().get(Long.MAX_VALUE)),
        notFound("update task Long.MAX_VALUE", "task", Long.MAX_VALUE,
            s -> s.tasks().update(Long.MAX_VALUE, TaskUpdate.builder().title("t").build())),
        notFound("empty update of task -1", "task", -1, s -> s.tasks().update(-1, TaskUpdate.empty())),
        notFound("tasks of user -1", "user", -1, s -> s.users().tasksOf(-1, TaskQuery.firstPage())),
        notFound("teams of user 0", "user", 0, s -> s.teams().teamsOf(0)),
        notFound("members of team -1", "team", -1, s -> s.teams().members(-1)),
        roundTrip("delete of ids 0, -1 and MAX deletes nothing", s -> {
          s.tasks().create(TaskBase.of("kept"));
          for (long id : new long[] {0, -1, Long.MAX_VALUE}) {
            assertThat(s.tasks().delete(id)).isFalse();
            assertThat(s.users().delete(id)).isFalse();
            assertThat(s.teams().delete(id)).isFalse();
          }
          assertThat(s.tasks().count(TaskFilter.all())).isEqualTo(1);
        }),
        invalid("task owner id 0", "userId", s -> TaskBase.builder("t").userId(0L).build()),
        invalid("task owner id -1", "userId", s -> TaskBase.builder("t").userId(-1L).build()),
        invalid("filter by user id Long.MIN_VALUE", "userId",
            s -> TaskFilter.builder().userId(Long.MIN_VALUE).build()),
        invalid("update to owner id 0", "userId", s -> TaskUpdate.builder().userId(0L)),
        rejects("task owner id Long.MAX_VALUE (no such user)", ForeignKeyViolationException.class,
            s -> s.tasks().create(TaskBase.builder("t").userId(Long.MAX_VALUE).build())));
  }

  // ---- dates: years 1 to 9999, to the microsecond ----

  private static Stream<Case> dates() {
    return Stream.of(
        dueRoundTrip("due at the first instant of year 1", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        dueRoundTrip("due at the last microsecond of year 9999", "9999-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:59.999999Z"),
        dueRoundTrip("due in the days the Gregorian calendar skipped", "1582-10-10T12:00:00Z",
            "1582-10-10T12:00:00Z"),
        dueRoundTrip("due with nanoseconds is kept to the microsecond", "2030-06-01T10:00:00.123456789Z",
            "2030-06-01T10:00:00.123456Z"),
        invalid("due at Instant.MIN", "dueDate", s -> TaskBase.builder("t").dueDate(Instant.MIN).build()),
        invalid("due at Instant.MAX", "dueDate", s -> TaskBase.builder("t").dueDate(Instant.MAX).build()),
        invalid("due in year 0 (1 BC)", "dueDate",
            s -> TaskBase.builder("t").dueDate(Instant.parse("0000-12-31T23:59:59Z")).build()),
        invalid("due in year 10000", "dueDate",
            s -> TaskBase.builder("t").dueDate(Instant.parse("+10000-01-01T00:00:00Z")).build()),
        invalid("due beyond PostgreSQL's range (year 300000)", "dueDate",
            s -> TaskBase.builder("t").dueDate(Instant.parse("+300000-01-01T00:00:00Z")).build()),
        invalid("filter due before Instant.MAX", "dueBefore",
            s -> TaskFilter.builder().dueBefore(Instant.MAX).build()),
        invalid("filter due after Instant.MIN", "dueAfter", s -> TaskFilter.builder().dueAfter(Instant.MIN).build()),
        invalid("update to a due date in 5000 BC", "dueDate",
            s -> TaskUpdate.builder().dueDate(Instant.parse("-5000-01-01T00:00:00Z"))));
  }

  // ---- emails ----

  private static Stream<Case> emails() {
    return Stream.of(
        rejects("emails differing only in case", UniqueViolationException.class, s -> {
          s.users().create("Ann@Example.org");
          s.users().create("ann@example.ORG");
        }),
        roundTrip("an email is stored as given and found in any case", s -> {
          UserRead u = s.users().create("Ann@Example.org");
          assertThat(s.users().findByEmail("ANN@EXAMPLE.ORG")).contains(u);
          assertThat(u.email()).isEqualTo("Ann@Example.org");
        }),
        roundTrip("the duplicate names the constraint", s -> {
          s.users().create("bob@example.org");
          Throwable e = catchThrowable(() -> s.users().create("BOB@example.org"));
          assertThat(e).isExactlyInstanceOf(UniqueViolationException.class);
          assertThat(((UniqueViolationException) e).constraintName()).contains("user_email_key");
        }),
        invalid("email without '@'", "email", s -> new UserCreate("annexample.org")),
        invalid("email starting with '@'", "email", s -> new UserCreate("@example.org")),
        invalid("email of two characters", "email", s -> new UserCreate("a@")),
        invalid("321-character email", "email", s -> new UserCreate("a@" + "b".repeat(319))),
        roundTrip("3-character email", s -> assertThat(s.users().create("a@b").email()).isEqualTo("a@b")));
  }

  // ---- team memberships with unknown ids ----

  private static Stream<Case> links() {
    return Stream.of(
        notFound("add a member to an unknown team", "team", 999_999, s -> {
          long user = s.users().create("u@example.org").id();
          s.teams().addMember(999_999, user);
        }),
        notFound("add an unknown user to a team", "user", 999_999, s -> {
          long team = s.teams().create("t").id();
          s.teams().addMember(team, 999_999);
        }),
        notFound("add user -1 to a team", "user", -1, s -> {
          long team = s.teams().create("t").id();
          s.teams().addMember(team, -1);
        }),
        rejects("add user 0 to team 0", NotFoundException.class, s -> s.teams().addMember(0, 0)),
        roundTrip("adding a member twice reports it once", s -> {
          long team = s.teams().create("t").id();
          long user = s.users().create("u@example.org").id();
          assertThat(s.teams().addMember(team, user)).isTrue();
          assertThat(s.teams().addMember(team, user)).isFalse();
          assertThat(s.teams().members(team)).hasSize(1);
        }),
        roundTrip("removing an unknown membership reports false", s -> {
          assertThat(s.teams().removeMember(999_999, 999_999)).isFalse();
          assertThat(s.teams().removeMember(-1, Long.MIN_VALUE)).isFalse();
        }));
  }

  // ---- expected versions (optimistic locking) ----

  private static Stream<Case> versions() {
    TaskUpdate title = TaskUpdate.builder().title("t").build();
    return Stream.of(
        invalid("expected version 0", "expectedVersion", s -> s.tasks().update(task(s), title, 0)),
        invalid("expected version -1", "expectedVersion", s -> s.tasks().update(task(s), title, -1)),
        invalid("expected version Long.MIN_VALUE", "expectedVersion",
            s -> s.tasks().update(task(s), title, Long.MIN_VALUE)),
        invalid("expected version 0 on an empty update", "expectedVersion",
            s -> s.tasks().update(task(s), TaskUpdate.empty(), 0)),
        invalid("expected version 0 of a missing task (checked first)", "expectedVersion",
            s -> s.tasks().update(404, title, 0)),
        rejects("a stale expected version", StaleVersionException.class, s -> {
          long id = task(s);
          s.tasks().update(id, title);
          s.tasks().update(id, title, 1);
        }),
        rejects("expected version Long.MAX_VALUE", StaleVersionException.class,
            s -> s.tasks().update(task(s), title, Long.MAX_VALUE)),
        notFound("expected version of task Long.MAX_VALUE", "task", Long.MAX_VALUE,
            s -> s.tasks().update(Long.MAX_VALUE, title, 1)),
        notFound("expected version of task -1", "task", -1, s -> s.tasks().update(-1, title, 1)),
        roundTrip("a stale version wrote nothing", s -> {
          long id = task(s);
          s.tasks().update(id, TaskUpdate.builder().title("kept").build());
          catchThrowable(() -> s.tasks().update(id, TaskUpdate.builder().title("lost").build(), 1));
          assertThat(s.tasks().get(id).title()).isEqualTo("kept");
          assertThat(s.tasks().get(id).version()).isEqualTo(2);
        }));
  }

  private static long task(TaskStore s) {
    return s.tasks().create(TaskBase.of("versioned")).id();
  }

  // ---- idempotency keys: 1 to 255 printable ASCII characters ----

  private static Stream<Case> idempotencyKeys() {
    return Stream.of(
        invalid("empty idempotency key", "idempotencyKey", s -> TaskBase.builder("t").idempotencyKey("").build()),
        invalid("blank idempotency key", "idempotencyKey", s -> TaskBase.builder("t").idempotencyKey("  \t").build()),
        invalid("256-character idempotency key", "idempotencyKey",
            s -> TaskBase.builder("t").idempotencyKey("k".repeat(256)).build()),
        invalid("1 MB idempotency key", "idempotencyKey", s -> TaskBase.builder("t").idempotencyKey(MEGABYTE).build()),
        invalid("idempotency key with a newline", "idempotencyKey",
            s -> TaskBase.builder("t").idempotencyKey("key\nX-Injected: 1").build()),
        invalid("idempotency key with NUL", "idempotencyKey",
            s -> TaskBase.builder("t").idempotencyKey("key\u0000").build()),
        invalid("idempotency key with DEL", "idempotencyKey",
            s -> TaskBase.builder("t").idempotencyKey("key\u007F").build()),
        invalid("idempotency key with an inner space", "idempotencyKey",
            s -> TaskBase.builder("t").idempotencyKey("my key").build()),
        invalid("idempotency key with a non-ASCII letter", "idempotencyKey",
            s -> TaskBase.builder("t").idempotencyKey("cl\u00E9").build()),
        invalid("idempotency key with an emoji", "idempotencyKey",
            s -> TaskBase.builder("t").idempotencyKey("😀").build()),
        roundTrip("255-character idempotency key of every printable ASCII character", s -> {
          StringBuilder key = new StringBuilder();
          for (char c = '!'; key.length() < TaskBase.MAX_IDEMPOTENCY_KEY_LENGTH; c = c == '~' ? '!' : (char) (c + 1)) {
            key.append(c);
          }
          TaskBase t = TaskBase.builder("t").idempotencyKey(key.toString()).build();
          TaskRead first = s.tasks().create(t);
          assertThat(s.tasks().create(t)).isEqualTo(first);
          assertThat(s.tasks().count(TaskFilter.all())).isEqualTo(1);
        }),
        roundTrip("SQL in an idempotency key is a key like any other", s -> {
          TaskBase t = TaskBase.builder("t").idempotencyKey("');DROP_TABLE_task;--").build();
          TaskRead first = s.tasks().create(t);
          assertThat(s.tasks().create(t)).isEqualTo(first);
        }),
        rejects("the same key for other content", IdempotencyConflictException.class, s -> {
          s.tasks().create(TaskBase.builder("first").idempotencyKey("k-1").build());
          s.tasks().create(TaskBase.builder("second").idempotencyKey("k-1").build());
        }),
        invalid("the same key twice in one createAll", "tasks[1].idempotencyKey",
            s -> s.tasks().createAll(List.of(TaskBase.builder("a").idempotencyKey("k").build(),
                TaskBase.builder("b").idempotencyKey("k").build()))),
        rejects("createAll with a stored key", UniqueViolationException.class, s -> {
          s.tasks().create(TaskBase.builder("a").idempotencyKey("k").build());
          s.tasks().createAll(List.of(TaskBase.builder("a").idempotencyKey("k").build()));
        }));
  }

  // ---- how a row of the table is written ----

  private static Case invalid(String name, String field, Consumer<TaskStore> call) {
    return new Case(name + " -> ValidationException(" + field + ")", s -> {
      Throwable e = catchThrowable(() -> call.accept(s));
      assertThat(e).isExactlyInstanceOf(ValidationException.class);
      assertThat(((ValidationException) e).field()).isEqualTo(field);
    });
  }

  private static Case rejects(String name, Class<? extends TaskStoreException> type, Consumer<TaskStore> call) {
    return new Case(name + " -> " + type.getSimpleName(), s -> {
      ThrowingCallable callable = () -> call.accept(s);
      assertThatThrownBy(callable).isExactlyInstanceOf(type);
    });
  }

  private static Case notFound(String name, String entity, long id, Consumer<TaskStore> call) {
    return new Case(name + " -> NotFoundException(" + entity + ")", s -> {
      Throwable e = catchThrowable(() -> call.accept(s));
      assertThat(e).isExactlyInstanceOf(NotFoundException.class);
      assertThat(((NotFoundException) e).entity()).isEqualTo(entity);
      assertThat(((NotFoundException) e).id()).isEqualTo(id);
    });
  }

  private static Case roundTrip(String name, Consumer<TaskStore> check) {
    return new Case(name + " -> exact round trip", check);
  }

  private static Case titleRoundTrip(String name, String title) {
    return roundTrip(name, s -> {
      TaskRead t = s.tasks().create(TaskBase.of(title));
      assertThat(t.title()).isEqualTo(title);
      assertThat(s.tasks().get(t.id()).title()).isEqualTo(title);
      assertThat(s.tasks().count(TaskFilter.builder().titleContains(title).build())).isEqualTo(1);
    });
  }

  private static Case dueRoundTrip(String name, String given, String stored) {
    return roundTrip(name, s -> {
      TaskRead t = s.tasks().create(TaskBase.builder("due").dueDate(Instant.parse(given)).build());
      assertThat(s.tasks().get(t.id()).dueDate()).contains(Instant.parse(stored));
      assertThat(s.tasks().count(TaskFilter.builder().dueAfter(Instant.parse(stored)).build())).isEqualTo(1);
    });
  }

  private static Case search(String name, String text, String matching, String notMatching) {
    return roundTrip(name, s -> {
      TaskRead hit = s.tasks().create(TaskBase.of(matching));
      s.tasks().create(TaskBase.of(notMatching));
      assertThat(s.tasks().list(TaskQuery.builder().filter(TaskFilter.builder().titleContains(text).build())
          .build()).items()).containsExactly(hit);
    });
  }

  private static TaskQuery after(String cursor) {
    return TaskQuery.builder().after(cursor).build();
  }

  /** A previous cursor the store itself handed out: the second of two tasks listed one at a time. */
  private static String previousCursor(TaskStore s, TaskSort sort) {
    String next = realCursor(s, sort);
    return s.tasks().list(TaskQuery.builder().sort(sort).limit(1).after(next).build()).previousCursor()
        .orElseThrow();
  }

  /** A cursor the store itself handed out, over two tasks listed one at a time. */
  private static String realCursor(TaskStore s, TaskSort sort) {
    s.tasks().create(TaskBase.of("first"));
    s.tasks().create(TaskBase.of("second"));
    return s.tasks().list(TaskQuery.builder().sort(sort).limit(1).build()).nextCursor().orElseThrow();
  }
}
