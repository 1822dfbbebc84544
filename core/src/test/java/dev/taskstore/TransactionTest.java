package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Transactions: commit, rollback, nesting, read-only, isolation, and misuse. */
class TransactionTest extends DatabaseTest {

  private long tasks() {
    return TestDatabase.queryLong("SELECT count(*) FROM task");
  }

  @Test
  void commitsWhenTheBlockReturnsAndReturnsItsValue() {
    long id = store.inTransaction(tx -> {
      UserRead ann = tx.users().create("ann@example.org");
      return tx.tasks().create(TaskBase.builder("t").userId(ann.id()).build()).id();
    });
    assertThat(store.tasks().get(id).userId()).isPresent();
    assertThat(tasks()).isEqualTo(1);
  }

  @Test
  void anExceptionInsideRollsBackEverythingAndIsRethrownUnchanged() {
    RuntimeException boom = new IllegalStateException("boom");
    Throwable thrown = catchThrowable(() -> store.inTransaction(tx -> {
      tx.users().create("ann@example.org");
      tx.tasks().create(TaskBase.of("t"));
      throw boom;
    }));
    assertThat(thrown).isSameAs(boom);
    assertThat(tasks()).isZero();
    assertThat(store.users().findByEmail("ann@example.org")).isEmpty();
  }

  @Test
  void aDatabaseErrorInsideIsRethrownAsTheSameInstance() {
    store.users().create("ann@example.org");
    AtomicReference<UniqueViolationException> inside = new AtomicReference<>();
    Throwable thrown = catchThrowable(() -> store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("t"));
      try {
        tx.users().create("ANN@example.org");
      } catch (UniqueViolationException e) {
        inside.set(e);
        throw e;
      }
    }));
    assertThat(thrown).isSameAs(inside.get()).isInstanceOf(UniqueViolationException.class);
    assertThat(tasks()).isZero();
  }

  @Test
  void anErrorInsideRollsBackAndIsRethrownUnchanged() {
    Error error = new AssertionError("broken invariant");
    Throwable thrown = catchThrowable(() -> store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("t"));
      throw error;
    }));
    assertThat(thrown).isSameAs(error);
    assertThat(tasks()).isZero();
  }

  @Test
  void aCheckedExceptionThrownSneakilyStillRollsBack() {
    Exception checked = new java.io.IOException("disk full");
    AtomicReference<Transaction> escaped = new AtomicReference<>();
    Throwable thrown = catchThrowable(() -> store.useTransaction(tx -> {
      escaped.set(tx);
      tx.tasks().create(TaskBase.of("t"));
      TransactionTest.<RuntimeException>sneakyThrow(checked);
    }));
    assertThat(thrown).isSameAs(checked);
    assertThat(tasks()).isZero();
    assertThat(catchThrowable(() -> escaped.get().tasks().count(TaskFilter.all())))
        .isInstanceOf(TransactionMisuseException.class);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  @Test
  void useTransactionCommitsOnReturn() {
    store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("a"));
      tx.tasks().create(TaskBase.of("b"));
    });
    assertThat(tasks()).isEqualTo(2);
  }

  @Test
  void aTransactionSeesItsOwnWritesAndOthersDoNotUntilCommit() {
    store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("a"));
      assertThat(tx.tasks().count(TaskFilter.all())).isEqualTo(1);
      assertThat(store.tasks().count(TaskFilter.all())).isZero();
    });
    assertThat(store.tasks().count(TaskFilter.all())).isEqualTo(1);
  }

  @Test
  void aNestedTransactionThatThrowsIsRolledBackAndTheOuterWorkIsKept() {
    RuntimeException boom = new IllegalStateException("inner");
    store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("outer before"));
      Throwable inner = catchThrowable(() -> tx.useTransaction(nested -> {
        nested.tasks().create(TaskBase.of("inner"));
        throw boom;
      }));
      assertThat(inner).isSameAs(boom);
      tx.tasks().create(TaskBase.of("outer after"));
    });
    assertThat(store.tasks().list(TaskQuery.firstPage()).items()).extracting(TaskRead::title)
        .containsExactly("outer before", "outer after");
  }

  @Test
  void aNestedTransactionReturnsItsValueAndItsWorkIsUndoneWithTheOuter() {
    RuntimeException boom = new IllegalStateException("outer");
    Throwable thrown = catchThrowable(() -> store.useTransaction(tx -> {
      String title = tx.inTransaction(nested -> nested.tasks().create(TaskBase.of("inner")).title());
      assertThat(title).isEqualTo("inner");
      throw boom;
    }));
    assertThat(thrown).isSameAs(boom);
    assertThat(tasks()).isZero();
  }

  @Test
  void aFailedStatementInANestedTransactionLeavesTheOuterTransactionUsable() {
    store.users().create("ann@example.org");
    store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("kept"));
      catchThrowableOfType(UniqueViolationException.class,
          () -> tx.inTransaction(nested -> nested.users().create("Ann@Example.org")));
      tx.tasks().create(TaskBase.of("also kept"));
    });
    assertThat(tasks()).isEqualTo(2);
  }

  @Test
  void withoutANestedTransactionAFailedStatementAbortsTheWholeTransaction() {
    store.users().create("ann@example.org");
    DatabaseException next = catchThrowableOfType(DatabaseException.class, () -> store.useTransaction(tx -> {
      tx.tasks().create(TaskBase.of("lost"));
      catchThrowableOfType(UniqueViolationException.class, () -> tx.users().create("Ann@Example.org"));
      tx.tasks().create(TaskBase.of("refused"));
    }));
    assertThat(next.sqlState()).contains("25P02");
    assertThat(next.getMessage()).contains("aborted");
    assertThat(tasks()).isZero();
  }

  @Test
  void aNestedTransactionTakesNoOptionsOfItsOwn() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> store.useTransaction(
        tx -> tx.inTransaction(TransactionOptions.serializable(), nested -> null)));
    assertThat(e.field()).isEqualTo("options");
  }

  @Test
  void aReadOnlyTransactionReadsButRefusesWrites() {
    store.tasks().create(TaskBase.of("existing"));
    DatabaseException e = catchThrowableOfType(DatabaseException.class, () -> store.inTransaction(
        TransactionOptions.readOnlyTransaction(), tx -> {
          assertThat(tx.tasks().count(TaskFilter.all())).isEqualTo(1);
          return tx.tasks().create(TaskBase.of("refused"));
        }));
    assertThat(e.sqlState()).contains("25006");
    assertThat(e.getMessage()).contains("read-only");
    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(tasks()).isEqualTo(1);
  }

  @Test
  void readOnlyAndIsolationDoNotLeakToTheNextUserOfThePooledConnection() {
    try (TaskStore single = TaskStore.open(TestDatabase.config().minimumIdle(0).maximumPoolSize(1).build())) {
      single.inTransaction(new TransactionOptions(IsolationLevel.SERIALIZABLE, true, 0),
          tx -> tx.tasks().count(TaskFilter.all()));
      // Same and only connection: a plain write works, and a default transaction is read committed again.
      single.tasks().create(TaskBase.of("write after read-only"));
      single.useTransaction(tx -> {
        long before = tx.tasks().count(TaskFilter.all());
        TestDatabase.execute("INSERT INTO task (title) VALUES ('committed meanwhile')");
        assertThat(tx.tasks().count(TaskFilter.all())).isEqualTo(before + 1);
      });
    }
  }

  @Test
  void readCommittedSeesRowsCommittedMeanwhile() {
    store.useTransaction(tx -> {
      assertThat(tx.tasks().count(TaskFilter.all())).isZero();
      TestDatabase.execute("INSERT INTO task (title) VALUES ('committed meanwhile')");
      assertThat(tx.tasks().count(TaskFilter.all())).isEqualTo(1);
    });
  }

  @Test
  void repeatableReadSeesOneSnapshot() {
    store.tasks().create(TaskBase.of("before"));
    store.inTransaction(TransactionOptions.defaults().withIsolation(IsolationLevel.REPEATABLE_READ), tx -> {
      assertThat(tx.tasks().count(TaskFilter.all())).isEqualTo(1);
      TestDatabase.execute("INSERT INTO task (title) VALUES ('committed meanwhile')");
      assertThat(tx.tasks().count(TaskFilter.all())).isEqualTo(1);
      assertThat(tx.tasks().list(TaskQuery.firstPage()).items()).extracting(TaskRead::title)
          .containsExactly("before");
      return null;
    });
    assertThat(tasks()).isEqualTo(2);
  }

  @Test
  void aTransactionUsedAfterItsCallbackThrowsTransactionMisuse() {
    AtomicReference<Transaction> escaped = new AtomicReference<>();
    store.useTransaction(escaped::set);
    Transaction tx = escaped.get();
    assertThat(catchThrowable(() -> tx.tasks().count(TaskFilter.all())))
        .isInstanceOf(TransactionMisuseException.class)
        .hasMessageContaining("ended")
        .extracting(e -> ((TransactionMisuseException) e).misuse())
        .isEqualTo(TransactionMisuseException.Misuse.AFTER_CALLBACK);
    assertThat(catchThrowable(() -> tx.tasks().create(TaskBase.of("late"))))
        .isInstanceOf(TransactionMisuseException.class);
    assertThat(catchThrowable(() -> tx.users().findById(1))).isInstanceOf(TransactionMisuseException.class);
    assertThat(catchThrowable(() -> tx.teams().findById(1))).isInstanceOf(TransactionMisuseException.class);
    assertThat(catchThrowable(() -> tx.useTransaction(nested -> {})))
        .isInstanceOf(TransactionMisuseException.class);
    assertThat(tasks()).isZero();
  }

  @Test
  void aTransactionUsedFromAnotherThreadThrowsTransactionMisuse() {
    store.useTransaction(tx -> {
      CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> tx.tasks().count(TaskFilter.all()));
      ExecutionException e = catchThrowableOfType(ExecutionException.class, other::get);
      assertThat(e.getCause()).isInstanceOf(TransactionMisuseException.class).hasMessageContaining("thread")
          .extracting(c -> ((TransactionMisuseException) c).misuse())
          .isEqualTo(TransactionMisuseException.Misuse.OTHER_THREAD);
      assertThat(((TransactionMisuseException) e.getCause()).httpStatus()).isEqualTo(500);
    });
  }

  @Test
  void theConnectionIsHeldOnlyWhileTheBlockRuns() {
    int activeBefore = store.poolStats().active();
    store.useTransaction(tx -> {
      tx.tasks().count(TaskFilter.all());
      assertThat(store.poolStats().active()).isEqualTo(activeBefore + 1);
    });
    assertThat(store.poolStats().active()).isEqualTo(activeBefore);
    catchThrowable(() -> store.useTransaction(tx -> {
      throw new IllegalStateException();
    }));
    assertThat(store.poolStats().active()).isEqualTo(activeBefore);
  }

  @Test
  void nullOptionsOrBlockAreRefused() {
    assertThat(catchThrowableOfType(ValidationException.class,
        () -> store.inTransaction(null, tx -> null)).field()).isEqualTo("options");
    assertThat(catchThrowableOfType(ValidationException.class,
        () -> store.inTransaction(TransactionOptions.defaults(), null)).field()).isEqualTo("block");
  }
}
