package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Arguments are checked before any SQL runs, and the error names the field and the rule. */
class ArgumentValidationTest {

  private static ValidationException rejected(ThrowingCallable call, String field) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t).isInstanceOf(ValidationException.class);
    ValidationException e = (ValidationException) t;
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.reason()).isNotBlank();
    assertThat(e.getMessage()).isEqualTo(field + " " + e.reason());
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.sqlState()).isEmpty();
    return e;
  }

  @Test
  void taskTitleIsRequiredNotBlankAndAtMost500Characters() {
    assertThat(rejected(() -> TaskBase.of(null), "title").reason()).isEqualTo("must not be null");
    assertThat(rejected(() -> TaskBase.of(""), "title").reason()).isEqualTo("must not be blank");
    assertThat(rejected(() -> TaskBase.of(" \t\n"), "title").reason()).isEqualTo("must not be blank");
    assertThat(rejected(() -> TaskBase.of("x".repeat(501)), "title").reason())
        .isEqualTo("must be at most 500 characters");
    assertThat(TaskBase.of("x".repeat(500)).title()).hasSize(500);
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
    assertThat(TaskBase.of(emoji.repeat(500)).title()).hasSize(1000);
    rejected(() -> TaskBase.of(emoji.repeat(501)), "title");
  }

  @Test
  void textWithNulOrALoneSurrogateIsRejected() {
    assertThat(rejected(() -> TaskBase.of("a\0b"), "title").reason()).contains("NUL");
    assertThat(rejected(() -> TaskBase.of("a\uD83Db"), "title").reason()).contains("surrogate");
    assertThat(rejected(() -> TaskBase.of("a\uDE00"), "title").reason()).contains("surrogate");
    rejected(() -> TaskBase.builder("t").description("x\0").build(), "description");
  }

  @Test
  void descriptionIsAtMost10000Characters() {
    assertThat(TaskBase.builder("t").description("d".repeat(10_000)).build().description()).isPresent();
    rejected(() -> TaskBase.builder("t").description("d".repeat(10_001)).build(), "description");
  }

  @Test
  void priorityIsRequired() {
    rejected(() -> TaskBase.builder("t").priority(null).build(), "priority");
  }

  @Test
  void userIdMustBePositive() {
    rejected(() -> TaskBase.builder("t").userId(0L).build(), "userId");
    rejected(() -> TaskBase.builder("t").userId(-5L).build(), "userId");
  }

  @Test
  void dueDateMustLieInTheYears1To9999AndIsKeptToTheMicrosecond() {
    rejected(() -> TaskBase.builder("t").dueDate(Instant.parse("+10000-01-01T00:00:00Z")).build(), "dueDate");
    rejected(() -> TaskBase.builder("t").dueDate(Instant.parse("0000-12-31T23:59:59Z")).build(), "dueDate");
    TaskBase t = TaskBase.builder("t").dueDate(Instant.parse("2030-01-02T03:04:05.123456789Z")).build();
    assertThat(t.dueDate()).contains(Instant.parse("2030-01-02T03:04:05.123456Z"));
  }

  @Test
  void recordConstructorTreatsNullOptionalsAsEmpty() {
    TaskBase t = new TaskBase("t", null, Priority.LOW, false, null, null);
    assertThat(t.description()).isEmpty();
    assertThat(t.dueDate()).isEmpty();
    assertThat(t.userId()).isEmpty();
  }

  @Test
  void emailMustLookLikeAnAddressCountingCharacters() {
    rejected(() -> new UserCreate(null), "email");
    rejected(() -> new UserCreate("ab"), "email");
    rejected(() -> new UserCreate("@ab"), "email");
    rejected(() -> new UserCreate("abc"), "email");
    rejected(() -> new UserCreate("a".repeat(300) + "@" + "b".repeat(20)), "email");
    // Two characters but three UTF-16 units: the database counts characters, so must the check.
    rejected(() -> new UserCreate("\uD83D\uDE00@"), "email");
    assertThat(new UserCreate("a@b").email()).isEqualTo("a@b");
  }

  @Test
  void teamNameIsRequiredNotBlankAndAtMost200Characters() {
    rejected(() -> new TeamCreate(null), "name");
    rejected(() -> new TeamCreate("  "), "name");
    rejected(() -> new TeamCreate("n".repeat(201)), "name");
    assertThat(new TeamCreate("n".repeat(200)).name()).hasSize(200);
  }

  @Test
  void updateRejectsNullForRequiredFields() {
    rejected(() -> TaskUpdate.builder().title(null), "title");
    rejected(() -> TaskUpdate.builder().title(" "), "title");
    rejected(() -> TaskUpdate.builder().priority(null), "priority");
    rejected(() -> TaskUpdate.builder().completed(null), "completed");
    rejected(() -> TaskUpdate.builder().userId(0L), "userId");
    rejected(() -> TaskUpdate.builder().description("d".repeat(10_001)), "description");
    rejected(() -> TaskUpdate.builder().dueDate(Instant.MAX), "dueDate");
  }

  @Test
  void updateTellsAbsentFromNull() {
    TaskUpdate u = TaskUpdate.builder().title("t").description(null).build();
    assertThat(u.fields()).containsExactly(TaskUpdate.Field.TITLE, TaskUpdate.Field.DESCRIPTION);
    assertThat(u.isSet(TaskUpdate.Field.DESCRIPTION)).isTrue();
    assertThat(u.description()).isEmpty();
    assertThat(u.isSet(TaskUpdate.Field.DUE_DATE)).isFalse();
    assertThat(u.isEmpty()).isFalse();
    assertThat(TaskUpdate.empty().isEmpty()).isTrue();
    assertThat(TaskUpdate.builder().build()).isEqualTo(TaskUpdate.empty());
    assertThat(u).isEqualTo(TaskUpdate.builder().description(null).title("t").build());
    assertThat(u).isNotEqualTo(TaskUpdate.builder().title("t").build());
  }

  @Test
  void updateToStringShowsFieldsButNotValues() {
    String text = TaskUpdate.builder().title("secret plan").description("private note").build().toString();
    assertThat(text).contains("TITLE", "DESCRIPTION").doesNotContain("secret", "private");
  }

  @Test
  void pageSizeIsBetween1And1000() {
    assertThat(rejected(() -> TaskQuery.builder().limit(0).build(), "limit").reason())
        .isEqualTo("must be between 1 and 1000");
    rejected(() -> TaskQuery.builder().limit(1001).build(), "limit");
    rejected(() -> TaskQuery.builder().limit(-1).build(), "limit");
    assertThat(TaskQuery.builder().limit(1).build().limit()).isEqualTo(1);
    assertThat(TaskQuery.builder().limit(1000).build().limit()).isEqualTo(1000);
    assertThat(TaskQuery.firstPage().limit()).isEqualTo(TaskQuery.DEFAULT_LIMIT);
  }

  @Test
  void offsetIsBetween0And100000AndCannotBeCombinedWithACursor() {
    rejected(() -> TaskQuery.builder().offset(-1).build(), "offset");
    rejected(() -> TaskQuery.builder().offset(100_001).build(), "offset");
    rejected(() -> TaskQuery.builder().offset(10).after("abc").build(), "cursor");
  }

  @Test
  void queryDefaultsNullFilterAndSort() {
    TaskQuery q = new TaskQuery(null, null, 10, 0, null);
    assertThat(q.filter()).isEqualTo(TaskFilter.all());
    assertThat(q.sort()).isEqualTo(TaskSort.ID_ASC);
    assertThat(q.cursor()).isEmpty();
  }

  @Test
  void filterConditionsAreValidated() {
    rejected(() -> TaskFilter.builder().userId(0L).build(), "userId");
    rejected(() -> TaskFilter.builder().titleContains("x".repeat(501)).build(), "titleContains");
    rejected(() -> TaskFilter.builder().titleContains("a\0").build(), "titleContains");
    rejected(() -> TaskFilter.builder().dueBefore(Instant.MIN).build(), "dueBefore");
    rejected(() -> TaskFilter.builder().dueAfter(Instant.MAX).build(), "dueAfter");
    assertThat(TaskFilter.builder().build()).isEqualTo(TaskFilter.all());
    assertThat(TaskFilter.completed(true).completed()).contains(true);
  }

  @Test
  void transactionRetriesAreBetween0And10() {
    rejected(() -> TransactionOptions.defaults().withRetries(-1), "retries");
    rejected(() -> TransactionOptions.defaults().withRetries(11), "retries");
    assertThat(TransactionOptions.serializable().withRetries(10).retries()).isEqualTo(10);
    rejected(() -> new TransactionOptions(null, false, 0), "isolation");
  }

  @Test
  void transactionOptionsCompose() {
    TransactionOptions o = TransactionOptions.defaults().withIsolation(IsolationLevel.REPEATABLE_READ)
        .withReadOnly(true).withRetries(2);
    assertThat(o).isEqualTo(new TransactionOptions(IsolationLevel.REPEATABLE_READ, true, 2));
    assertThat(TransactionOptions.readOnlyTransaction().readOnly()).isTrue();
    assertThat(TransactionOptions.serializable().isolation()).isEqualTo(IsolationLevel.SERIALIZABLE);
  }

  @Test
  void priorityParsesAnyLetterCase() {
    assertThat(Priority.parse("HIGH")).isEqualTo(Priority.HIGH);
    assertThat(Priority.parse("low")).isEqualTo(Priority.LOW);
    assertThat(Priority.MEDIUM.dbValue()).isEqualTo("medium");
    rejected(() -> Priority.parse("urgent"), "priority");
    rejected(() -> Priority.parse(null), "priority");
  }

  @Test
  void readModelsAreImmutable() {
    var tasks = new java.util.ArrayList<TaskRead>();
    UserWithTasks u = new UserWithTasks(new UserRead(1, "a@b", Instant.EPOCH), tasks);
    tasks.add(new TaskRead(1, "t", Optional.empty(), Priority.LOW, false, Optional.empty(), Instant.EPOCH,
        Optional.empty(), Instant.EPOCH, 1));
    assertThat(u.tasks()).isEmpty();
    assertThatThrownBy(() -> u.tasks().add(null)).isInstanceOf(UnsupportedOperationException.class);
    Page<String> p = new Page<>(java.util.List.of("a"), null);
    assertThat(p.nextCursor()).isEmpty();
  }
}
