package dev.taskstore.bench;

import static dev.taskstore.internal.jooq.Tables.TASK;
import static dev.taskstore.internal.jooq.Tables.USER;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.TaskBase;
import dev.taskstore.internal.jooq.tables.records.TaskRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep6;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A peer: the jOOQ DSL used the way its manual shows, over the classes jOOQ generates from taskstore's
 * migrations ({@code selectFrom(TASK).where(...).fetchOne()}, {@code newRecord()} and {@code store()},
 * {@code insertInto(...).values(...).returning()}), on a HikariCP pool of the baseline's size and settings. The
 * results are jOOQ's own records, as an application on jOOQ would use them; nothing is mapped to taskstore's
 * types. One {@link DSLContext} for the whole run, as jOOQ recommends.
 */
final class JooqTasks implements AutoCloseable {

  private static final int CHUNK = 1000;

  private final HikariDataSource pool;
  private final DSLContext dsl;

  JooqTasks(String url, int poolSize) {
    this.pool = JdbcTasks.pool("jooq-peer", url, poolSize);
    // store() returns every column the server sets (created_at, not only the identity): the setting the manual
    // names for records that should reflect the stored row.
    this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withReturnAllOnUpdatableRecord(true));
  }

  /** A new task through an attached record: {@code store()} inserts and reads back the generated columns. */
  TaskRecord insert(String title, long userId) {
    TaskRecord task = dsl.newRecord(TASK);
    task.setTitle(title);
    task.setPriority("medium");
    task.setCompleted(false);
    task.setUserId(userId);
    task.store();
    return task;
  }

  Optional<TaskRecord> findById(long id) {
    return dsl.selectFrom(TASK).where(TASK.ID.eq(id)).fetchOptional();
  }

  /** The task and its user, if any, in one query (a LEFT JOIN), as one record of both tables' columns. */
  Optional<Record> findWithUser(long id) {
    return dsl.select(TASK.fields()).select(USER.ID, USER.EMAIL, USER.CREATED_AT)
        .from(TASK).leftJoin(USER).on(USER.ID.eq(TASK.USER_ID))
        .where(TASK.ID.eq(id))
        .fetchOptional();
  }

  long countCompleted() {
    return dsl.fetchCount(TASK, TASK.COMPLETED.isTrue());
  }

  /** Sets the title and returns the updated row, in one statement. */
  TaskRecord updateTitle(long id, String title) {
    TaskRecord updated = dsl.update(TASK).set(TASK.TITLE, title).where(TASK.ID.eq(id)).returning().fetchOne();
    if (updated == null) {
      throw new IllegalStateException("no task " + id);
    }
    return updated;
  }

  boolean delete(long id) {
    return dsl.deleteFrom(TASK).where(TASK.ID.eq(id)).execute() > 0;
  }

  /** A page of tasks after {@code afterId}, by id, with jOOQ's keyset {@code seek}. */
  Result<TaskRecord> page(long afterId, int limit) {
    return dsl.selectFrom(TASK).orderBy(TASK.ID).seek(afterId).limit(limit).fetch();
  }

  /**
   * All tasks in one transaction, ids back in input order: multi-row {@code INSERT … VALUES … RETURNING id}
   * statements of 1,000 rows, built with the DSL. (jOOQ's {@code batchInsert} and {@code loadInto} return no
   * ids, which {@code createAll} and the baseline do.)
   */
  List<Long> insertAll(List<TaskBase> tasks) {
    return dsl.transactionResult(tx -> {
      DSLContext t = tx.dsl();
      List<Long> ids = new ArrayList<>(tasks.size());
      for (int from = 0; from < tasks.size(); from += CHUNK) {
        InsertValuesStep6<TaskRecord, String, String, String, Boolean, OffsetDateTime, Long> insert =
            t.insertInto(TASK, TASK.TITLE, TASK.DESCRIPTION, TASK.PRIORITY, TASK.COMPLETED, TASK.DUE_DATE,
                TASK.USER_ID);
        for (TaskBase task : tasks.subList(from, Math.min(tasks.size(), from + CHUNK))) {
          insert = insert.values(task.title(), task.description().orElse(null), task.priority().dbValue(),
              task.completed(), task.dueDate().map(d -> d.atOffset(ZoneOffset.UTC)).orElse(null),
              task.userId().orElse(null));
        }
        insert.returningResult(TASK.ID).fetch().forEach(r -> ids.add(r.value1()));
      }
      return ids;
    });
  }

  @Override
  public void close() {
    pool.close();
  }
}
