package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Get-or-create a user by email: one row whatever the letter case, and race-safe. */
class UserGetOrCreateTest extends DatabaseTest {

  @Test
  void createsANewUserThenFindsItInAnyLetterCase() {
    FoundOrCreated<UserRead> first = store.users().getOrCreate("Ann@Example.org");
    FoundOrCreated<UserRead> again = store.users().getOrCreate("ann@example.ORG");

    assertThat(first.created()).isTrue();
    assertThat(first.value().email()).isEqualTo("Ann@Example.org");
    assertThat(again.created()).isFalse();
    assertThat(again.value()).isEqualTo(first.value());
    assertThat(store.users().findByEmail("ANN@EXAMPLE.ORG")).contains(first.value());
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM \"user\"")).isEqualTo(1);
  }

  @Test
  void sixteenThreadsAskingForTheSameNewEmailGetOneRowAndNoException() throws Exception {
    int threads = 16;
    for (int round = 0; round < 5; round++) {
      String email = "race" + round + "@example.org";
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<FoundOrCreated<UserRead>>> calls = new ArrayList<>();
      try {
        for (int t = 0; t < threads; t++) {
          String asked = t % 2 == 0 ? email : email.toUpperCase(Locale.ROOT);
          calls.add(pool.submit(() -> {
            start.await();
            return store.users().getOrCreate(asked);
          }));
        }
        List<FoundOrCreated<UserRead>> results = new ArrayList<>();
        for (Future<FoundOrCreated<UserRead>> call : calls) {
          results.add(call.get()); // an exception in any thread fails here
        }
        assertThat(results).extracting(r -> r.value().id()).containsOnly(results.get(0).value().id());
        assertThat(results).filteredOn(FoundOrCreated::created).hasSize(1);
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM \"user\" WHERE lower(email) = '" + email + "'"))
            .isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * The race made certain: another transaction inserts the email and commits while this call waits on the
   * unique index, so the call's statement finds nothing to insert and nothing to read in its snapshot.
   */
  @Test
  void aCallThatWaitedForAConcurrentInsertReturnsThatRow() throws Exception {
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<FoundOrCreated<UserRead>> first = pool.submit(() -> store.inTransaction(tx -> {
        FoundOrCreated<UserRead> created = tx.users().getOrCreate("carol@example.org");
        inserted.countDown();
        TestSql.await(commit);
        return created;
      }));
      TestSql.await(inserted);
      Future<FoundOrCreated<UserRead>> second = pool.submit(() -> store.users().getOrCreate("CAROL@example.org"));
      TestSql.await("the second call to wait on the first one's row", Duration.ofSeconds(10),
          () -> TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0);
      commit.countDown();

      assertThat(first.get().created()).isTrue();
      assertThat(second.get().created()).isFalse();
      assertThat(second.get().value()).isEqualTo(first.get().value());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void insideATransactionItRollsBackWithIt() {
    assertThatThrownBy(() -> store.useTransaction(tx -> {
      assertThat(tx.users().getOrCreate("bob@example.org").created()).isTrue();
      assertThat(tx.users().getOrCreate("BOB@example.org").created()).isFalse();
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(store.users().findByEmail("bob@example.org")).isEmpty();
  }

  @Test
  void badInputIsAValidationErrorBeforeAnySql() {
    assertThatThrownBy(() -> store.users().getOrCreate((UserCreate) null))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("user"));
    assertThatThrownBy(() -> store.users().getOrCreate("no-at-sign"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("email"));
    assertThat(store.async().users().getOrCreate("a\u0000@b.c").handle((ok, e) -> e).join())
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theAsynchronousCallGetsTheSameRow() {
    UserRead ann = store.users().create("ann@example.org");

    FoundOrCreated<UserRead> found = store.async().users().getOrCreate("ANN@example.org").join();

    assertThat(found.created()).isFalse();
    assertThat(found.value()).isEqualTo(ann);
  }
}
