package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskstore.internal.Cursor;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cursor that was altered, cut, forged or made for another query is refused, naming the field cursor. */
class CursorTamperingTest extends DatabaseTest {

  private String cursor;

  @BeforeEach
  void aRealCursor() {
    for (int i = 0; i < 5; i++) {
      store.tasks().create(TaskBase.of("t" + i));
    }
    cursor = store.tasks().list(TaskQuery.builder().limit(2).build()).nextCursor().orElseThrow();
  }

  private ValidationException refused(TaskQuery query) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> store.tasks().list(query));
    assertThat(e.field()).isEqualTo("cursor");
    ValidationException joined = catchThrowableOfType(ValidationException.class,
        () -> store.tasks().listWithUsers(query));
    assertThat(joined.field()).isEqualTo("cursor");
    return e;
  }

  private ValidationException refused(String text) {
    return refused(TaskQuery.builder().limit(2).after(text).build());
  }

  @Test
  void theUntouchedCursorContinuesAfterThePreviousPage() {
    assertThat(store.tasks().list(TaskQuery.builder().limit(2).after(cursor).build()).items())
        .extracting(TaskRead::title).containsExactly("t2", "t3");
  }

  @Test
  void everySingleCharacterChangeIsRefused() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < cursor.length(); i++) {
      char replacement = alphabet.charAt((alphabet.indexOf(cursor.charAt(i)) + 1) % alphabet.length());
      String tampered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
      assertThat(refused(tampered).reason()).isEqualTo("is malformed or was altered");
    }
  }

  @Test
  void truncatedOrExtendedCursorsAreRefused() {
    refused(cursor.substring(0, cursor.length() - 1));
    refused(cursor.substring(0, 10));
    refused(cursor + "A");
    refused("");
  }

  @Test
  void textThatIsNotACursorIsRefused() {
    refused("not a cursor!");
    refused("%%%");
    refused(Base64.getUrlEncoder().withoutPadding().encodeToString("hello".getBytes()));
  }

  @Test
  void aCursorFromAnotherSortIsRefused() {
    ValidationException e = refused(TaskQuery.builder().sort(TaskSort.ID_DESC).limit(2).after(cursor).build());
    assertThat(e.reason()).isEqualTo("was made for another filter or sort");
  }

  @Test
  void aCursorFromAnotherFilterIsRefused() {
    ValidationException e = refused(TaskQuery.builder().filter(TaskFilter.completed(false)).limit(2).after(cursor)
        .build());
    assertThat(e.reason()).isEqualTo("was made for another filter or sort");
    refused(TaskQuery.builder().filter(TaskFilter.builder().titleContains("t").build()).limit(2).after(cursor)
        .build());
  }

  @Test
  void aCursorKeepsWorkingWithAnotherPageSize() {
    assertThat(store.tasks().list(TaskQuery.builder().limit(10).after(cursor).build()).items())
        .extracting(TaskRead::title).containsExactly("t2", "t3", "t4");
  }

  @Test
  void forgedCursorsWithAValidChecksumButImpossibleContentAreRefused() {
    int all = Cursor.filterHash(TaskFilter.all());
    refused(new Cursor(TaskSort.ID_ASC, all, 0, 0).encode());
    refused(new Cursor(TaskSort.ID_ASC, all, 0, -7).encode());
    TaskQuery.Builder byCreation = TaskQuery.builder().sort(TaskSort.CREATED_AT_ASC).limit(2);
    refused(byCreation.after(new Cursor(TaskSort.CREATED_AT_ASC, all, Long.MIN_VALUE, 3).encode()).build());
    refused(byCreation.after(new Cursor(TaskSort.CREATED_AT_ASC, all, Long.MAX_VALUE, 3).encode()).build());
    refused(new Cursor(TaskSort.ID_ASC, all + 1, 0, 3).encode());
  }

  /** The previous cursor of the second page of two: it pages back to t0, t1. */
  private String previousCursor() {
    return store.tasks().list(TaskQuery.builder().limit(2).after(cursor).build()).previousCursor().orElseThrow();
  }

  @Test
  void theUntouchedPreviousCursorPagesBackToThePageBefore() {
    assertThat(store.tasks().list(TaskQuery.builder().limit(2).before(previousCursor()).build()).items())
        .extracting(TaskRead::title).containsExactly("t0", "t1");
  }

  @Test
  void everySingleCharacterChangeOfAPreviousCursorIsRefused() {
    String previous = previousCursor();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < previous.length(); i++) {
      char replacement = alphabet.charAt((alphabet.indexOf(previous.charAt(i)) + 1) % alphabet.length());
      String tampered = previous.substring(0, i) + replacement + previous.substring(i + 1);
      assertThat(refused(TaskQuery.builder().limit(2).before(tampered).build()).reason())
          .isEqualTo("is malformed or was altered");
    }
  }

  @Test
  void aPreviousCursorFromAnotherSortOrFilterIsRefusedLikeANextCursor() {
    String previous = previousCursor();
    for (TaskQuery.Builder other : java.util.List.of(
        TaskQuery.builder().sort(TaskSort.ID_DESC),
        TaskQuery.builder().sort(TaskSort.CREATED_AT_ASC),
        TaskQuery.builder().filter(TaskFilter.completed(false)),
        TaskQuery.builder().filter(TaskFilter.search("t1")),
        TaskQuery.builder().filter(TaskFilter.search("t1")).sort(TaskSort.RELEVANCE))) {
      assertThat(refused(other.limit(2).before(previous).build()).reason())
          .isEqualTo("was made for another filter or sort");
    }
  }

  @Test
  void eachCursorWorksOnlyInItsDirection() {
    assertThat(refused(TaskQuery.builder().limit(2).before(cursor).build()).reason())
        .isEqualTo("pages forward: pass it to after(), not before()");
    assertThat(refused(TaskQuery.builder().limit(2).after(previousCursor()).build()).reason())
        .isEqualTo("pages back: pass it to before(), not after()");
  }

  @Test
  void aRelevanceCursorIsBoundToItsSearchTerm() {
    TaskQuery.Builder q = TaskQuery.builder().filter(TaskFilter.search("t1 or t2 or t3")).sort(TaskSort.RELEVANCE)
        .limit(1);
    String relevance = store.tasks().list(q.build()).nextCursor().orElseThrow();
    assertThat(store.tasks().list(q.after(relevance).build()).items()).extracting(TaskRead::title)
        .containsExactly("t2");
    ValidationException e = refused(TaskQuery.builder().filter(TaskFilter.search("t1 or t2")).sort(TaskSort.RELEVANCE)
        .limit(1).after(relevance).build());
    assertThat(e.reason()).isEqualTo("was made for another filter or sort");
  }

  @Test
  void forgedRelevanceCursorsWithImpossibleRanksAreRefused() {
    TaskFilter search = TaskFilter.search("t1");
    int hash = Cursor.filterHash(search);
    TaskQuery.Builder q = TaskQuery.builder().filter(search).sort(TaskSort.RELEVANCE).limit(2);
    for (long key : new long[] {Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(Float.POSITIVE_INFINITY),
        Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(-1f), 1L << 32, -1L, Long.MAX_VALUE}) {
      assertThat(refused(q.after(new Cursor(TaskSort.RELEVANCE, hash, key, 3).encode()).build()).reason())
          .as("key %x", key).isEqualTo("is malformed or was altered");
    }
    // A well-formed rank is served, whatever it is: it is only a position.
    assertThat(store.tasks().list(q.after(new Cursor(TaskSort.RELEVANCE, hash, Cursor.rankKey(1f), 3).encode())
        .build()).items()).extracting(TaskRead::title).containsExactly("t1");
  }

  @Test
  void aCursorCannotBeCombinedWithAnOffset() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> TaskQuery.builder().offset(2).after(cursor).build());
    assertThat(e.field()).isEqualTo("cursor");
  }
}
