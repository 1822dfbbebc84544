package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Constraint violations the API can provoke, reported with the server's names and never with the values.
 * (Not-null and check violations cannot get past the API's validation; the translator's test provokes
 * them on a plain connection.)
 */
class ConstraintViolationTest extends DatabaseTest {

  @Test
  void aDuplicateEmailInAnotherLetterCaseIsAUniqueViolationOfUserEmailKey() {
    store.users().create("ann.secret@example.org");
    UniqueViolationException e = catchThrowableOfType(UniqueViolationException.class,
        () -> store.users().create("ANN.Secret@Example.ORG"));
    assertThat(e.constraintName()).contains("user_email_key");
    assertThat(e.tableName()).contains("user");
    assertThat(e.sqlState()).contains("23505");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("unique violation of constraint user_email_key on table user");
    assertThat(e.getMessage().toLowerCase()).doesNotContain("secret", "example");
    assertThat(e).hasRootCauseInstanceOf(PSQLException.class);
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM \"user\"")).isEqualTo(1);
  }

  @Test
  void noMessageInTheCauseChainQuotesTheRejectedValue() {
    store.users().create("quoted@example.org");
    UniqueViolationException e = catchThrowableOfType(UniqueViolationException.class,
        () -> store.users().create("QUOTED@example.org"));

    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).as(t.getClass().getName()).doesNotContainIgnoringCase("quoted@");
    }
    assertThat(e.constraintName()).hasValue("user_email_key"); // the server's fields are still read
  }

  @Test
  void aTaskWithAnUnknownUserIsAForeignKeyViolationOfTaskUserIdFkey() {
    ForeignKeyViolationException e = catchThrowableOfType(ForeignKeyViolationException.class,
        () -> store.tasks().create(TaskBase.builder("secret title").userId(424_242L).build()));
    assertThat(e.constraintName()).contains("task_user_id_fkey");
    assertThat(e.tableName()).contains("task");
    assertThat(e.sqlState()).contains("23503");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).doesNotContain("424242", "secret");
    assertThat(e).hasRootCauseInstanceOf(PSQLException.class);
    assertThat(store.tasks().count(TaskFilter.all())).isZero();
  }

  @Test
  void aViolationInsideATransactionIsTheSameExceptionType() {
    UniqueViolationException e = catchThrowableOfType(UniqueViolationException.class, () -> store.useTransaction(tx -> {
      tx.users().create("ann@example.org");
      tx.users().create("Ann@example.org");
    }));
    assertThat(e.constraintName()).contains("user_email_key");
    assertThat(store.users().findByEmail("ann@example.org")).isEmpty();
  }

  @Test
  void everyConstraintViolationIsAConstraintViolationException() {
    store.users().create("ann@example.org");
    ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
        () -> store.users().create("ann@example.org"));
    assertThat(e).isInstanceOf(UniqueViolationException.class).isInstanceOf(TaskStoreException.class);
  }
}
