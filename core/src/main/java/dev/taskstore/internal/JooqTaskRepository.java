package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.NotFoundException;
import dev.taskstore.Page;
import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskRepository;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TaskWithUser;
import dev.taskstore.ValidationException;
import dev.taskstore.internal.jooq.tables.records.TaskRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.InsertValuesStep6;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** {@link TaskRepository} on jOOQ's generated classes. Not public API. */
public final class JooqTaskRepository implements TaskRepository {

  /** Rows per INSERT statement in {@link #createAll}: 6 parameters each, well below PostgreSQL's 65,535. */
  static final int INSERT_CHUNK = 1000;

  private final SqlAccess sql;

  /** A repository that reaches the database through {@code sql}. */
  public JooqTaskRepository(SqlAccess sql) {
    this.sql = sql;
  }

  @Override
  public TaskRead create(TaskBase task) {
    Checks.required("task", task);
    return sql.call(dsl -> Rows.task(dsl.insertInto(TASK)
        .set(TASK.TITLE, task.title())
        .set(TASK.DESCRIPTION, task.description().orElse(null))
        .set(TASK.PRIORITY, task.priority().dbValue())
        .set(TASK.COMPLETED, task.completed())
        .set(TASK.DUE_DATE, Rows.timestamp(task.dueDate().orElse(null)))
        .set(TASK.USER_ID, task.userId().orElse(null))
        .returning()
        .fetchOne()));
  }

  @Override
  public List<Long> createAll(List<TaskBase> tasks) {
    Checks.required("tasks", tasks);
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i) == null) {
        throw new ValidationException("tasks[" + i + "]", "must not be null");
      }
    }
    if (tasks.isEmpty()) {
      return List.of();
    }
    Function<org.jooq.DSLContext, List<Long>> insert = dsl -> {
      List<Long> ids = new ArrayList<>(tasks.size());
      for (int from = 0; from < tasks.size(); from += INSERT_CHUNK) {
        List<TaskBase> chunk = tasks.subList(from, Math.min(tasks.size(), from + INSERT_CHUNK));
        InsertValuesStep6<TaskRecord, String, String, String, Boolean, java.time.OffsetDateTime, Long> step =
            dsl.insertInto(TASK, TASK.TITLE, TASK.DESCRIPTION, TASK.PRIORITY, TASK.COMPLETED, TASK.DUE_DATE,
                TASK.USER_ID);
        for (TaskBase t : chunk) {
          step = step.values(t.title(), t.description().orElse(null), t.priority().dbValue(), t.completed(),
              Rows.timestamp(t.dueDate().orElse(null)), t.userId().orElse(null));
        }
        // PostgreSQL returns the rows of a multi-row INSERT ... VALUES in the order of the VALUES list.
        for (Record r : step.returningResult(TASK.ID).fetch()) {
          ids.add(r.get(TASK.ID));
        }
      }
      return ids;
    };
    return tasks.size() <= INSERT_CHUNK ? sql.call(insert) : sql.atomic(insert);
  }

  @Override
  public Optional<TaskRead> findById(long id) {
    return sql.call(dsl -> dsl.selectFrom(TASK).where(TASK.ID.eq(id)).fetchOptional().map(Rows::task));
  }

  @Override
  public TaskRead get(long id) {
    return findById(id).orElseThrow(() -> new NotFoundException("task", id));
  }

  @Override
  public TaskRead update(long id, TaskUpdate update) {
    Checks.required("update", update);
    if (update.isEmpty()) {
      return get(id);
    }
    Map<Field<?>, Object> values = new HashMap<>();
    for (TaskUpdate.Field f : update.fields()) {
      switch (f) {
        case TITLE -> values.put(TASK.TITLE, update.title().orElseThrow());
        case DESCRIPTION -> values.put(TASK.DESCRIPTION, update.description().orElse(null));
        case PRIORITY -> values.put(TASK.PRIORITY, update.priority().orElseThrow().dbValue());
        case COMPLETED -> values.put(TASK.COMPLETED, update.completed().orElseThrow());
        case DUE_DATE -> values.put(TASK.DUE_DATE, Rows.timestamp(update.dueDate().orElse(null)));
        case USER_ID -> values.put(TASK.USER_ID, update.userId().orElse(null));
        default -> throw new IllegalStateException("unknown field " + f);
      }
    }
    return sql.call(dsl -> dsl.update(TASK).set(values).where(TASK.ID.eq(id)).returning().fetchOptional())
        .map(Rows::task)
        .orElseThrow(() -> new NotFoundException("task", id));
  }

  @Override
  public boolean delete(long id) {
    return sql.call(dsl -> dsl.deleteFrom(TASK).where(TASK.ID.eq(id)).execute()) > 0;
  }

  @Override
  public Optional<TaskWithUser> findWithUser(long id) {
    return sql.call(dsl -> dsl.select(TASK.fields()).select(USER.fields())
        .from(TASK).leftJoin(USER).on(USER.ID.eq(TASK.USER_ID))
        .where(TASK.ID.eq(id))
        .fetchOptional()
        .map(JooqTaskRepository::withUser));
  }

  @Override
  public Page<TaskRead> list(TaskQuery query) {
    Checks.required("query", query);
    Result<TaskRecord> rows = sql.call(dsl -> dsl.selectFrom(TASK)
        .where(TaskQueries.pageCondition(query))
        .orderBy(TaskQueries.orderBy(query.sort()))
        .limit(query.limit() + 1)
        .offset(query.offset())
        .fetch());
    List<TaskRead> items = new ArrayList<>(Math.min(rows.size(), query.limit()));
    for (int i = 0; i < rows.size() && i < query.limit(); i++) {
      items.add(Rows.task(rows.get(i)));
    }
    return page(query, items, rows.size() > query.limit(), Function.identity());
  }

  /**
   * A page of one user's tasks, read in one query whether or not the user exists: the user's row is joined
   * with the page (a lateral subquery that keeps the page's index scan and limit), so an existing user
   * always yields at least one row, of nulls when the page is empty, and a missing user none.
   *
   * @param userId the user's id
   * @param query the query; its filter must hold {@code userId}
   * @return the page, or empty when the user does not exist
   */
  Optional<Page<TaskRead>> listOfUser(long userId, TaskQuery query) {
    Result<Record> rows = sql.call(dsl -> {
      Table<TaskRecord> page = dsl.selectFrom(TASK)
          .where(TaskQueries.pageCondition(query))
          .orderBy(TaskQueries.orderBy(query.sort()))
          .limit(query.limit() + 1)
          .offset(query.offset())
          .asTable("page");
      return dsl.select(page.fields())
          .from(USER).leftJoin(DSL.lateral(page)).on(DSL.trueCondition())
          .where(USER.ID.eq(userId))
          .orderBy(TaskQueries.orderBy(query.sort(), page))
          .fetch();
    });
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<TaskRead> items = new ArrayList<>(Math.min(rows.size(), query.limit()));
    for (int i = 0; i < rows.size() && i < query.limit(); i++) {
      TaskRecord r = rows.get(i).into(TASK);
      if (r.getId() != null) {
        items.add(Rows.task(r));
      }
    }
    return Optional.of(page(query, items, rows.size() > query.limit(), Function.identity()));
  }

  @Override
  public Page<TaskWithUser> listWithUsers(TaskQuery query) {
    Checks.required("query", query);
    Result<Record> rows = sql.call(dsl -> dsl.select(TASK.fields()).select(USER.fields())
        .from(TASK).leftJoin(USER).on(USER.ID.eq(TASK.USER_ID))
        .where(TaskQueries.pageCondition(query))
        .orderBy(TaskQueries.orderBy(query.sort()))
        .limit(query.limit() + 1)
        .offset(query.offset())
        .fetch());
    List<TaskWithUser> items = new ArrayList<>(Math.min(rows.size(), query.limit()));
    for (int i = 0; i < rows.size() && i < query.limit(); i++) {
      items.add(withUser(rows.get(i)));
    }
    return page(query, items, rows.size() > query.limit(), TaskWithUser::task);
  }

  @Override
  public long count(TaskFilter filter) {
    Checks.required("filter", filter);
    return sql.call(dsl -> dsl.selectCount().from(TASK).where(TaskQueries.condition(filter))
        .fetchOne(0, Long.class));
  }

  @Override
  public Map<Priority, Long> countByPriority(TaskFilter filter) {
    Checks.required("filter", filter);
    Map<Priority, Long> counts = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      counts.put(p, 0L);
    }
    Result<Record2<String, Integer>> rows = sql.call(dsl -> dsl.select(TASK.PRIORITY, DSL.count())
        .from(TASK).where(TaskQueries.condition(filter)).groupBy(TASK.PRIORITY).fetch());
    for (Record2<String, Integer> r : rows) {
      counts.put(Rows.priority(r.value1()), r.value2().longValue());
    }
    return java.util.Collections.unmodifiableMap(counts);
  }

  private static <T> Page<T> page(TaskQuery query, List<T> items, boolean more, Function<T, TaskRead> task) {
    if (!more || items.isEmpty()) {
      return new Page<>(items, Optional.empty());
    }
    TaskRead last = task.apply(items.get(items.size() - 1));
    return new Page<>(items, Optional.of(TaskQueries.cursorAfter(query, last.id(), last.createdAt())));
  }

  static TaskWithUser withUser(Record r) {
    return new TaskWithUser(Rows.task(r),
        r.get(USER.ID) == null ? Optional.empty() : Optional.of(Rows.user(r)));
  }
}
