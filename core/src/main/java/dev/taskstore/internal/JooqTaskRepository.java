package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.IdempotencyConflictException;
import dev.taskstore.NotFoundException;
import dev.taskstore.Page;
import dev.taskstore.Priority;
import dev.taskstore.RetryableException;
import dev.taskstore.StaleVersionException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskRepository;
import dev.taskstore.TaskSort;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TaskWithUser;
import dev.taskstore.ValidationException;
import dev.taskstore.internal.jooq.tables.records.TaskRecord;
import dev.taskstore.spi.Checks;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@link TaskRepository} on jOOQ's generated classes: the hot paths run SQL that jOOQ rendered in advance on plain
 * JDBC ({@link TaskSql}, {@link TaskListSql}, {@link TaskBulkInsert}), the rest on jOOQ's DSL. Not public API.
 */
final class JooqTaskRepository implements TaskRepository {

  /** Attempts of a keyed create before it gives up on a key created and deleted again by concurrent calls. */
  private static final int KEYED_CREATE_ATTEMPTS = 3;

  private final SqlAccess sql;
  private final TaskSql tasks;
  private final TaskListSql lists;
  private final TaskBulkInsert bulk;

  /** A repository that reaches the database through {@code sql} with the statements of one schema. */
  JooqTaskRepository(SqlAccess sql, SchemaSql statements) {
    this.sql = sql;
    this.tasks = statements.tasks();
    this.lists = statements.lists();
    this.bulk = statements.bulk();
  }

  @Override
  public TaskRead create(TaskBase task) {
    Checks.required("task", task);
    if (task.idempotencyKey().isEmpty()) {
      return sql.withConnection(Op.TASK_CREATE, c -> tasks.insert(c, task));
    }
    for (int attempt = 0; attempt < KEYED_CREATE_ATTEMPTS; attempt++) {
      TaskSql.Keyed row = sql.withConnection(Op.TASK_CREATE, c -> tasks.insertKeyed(c, task));
      if (row != null) {
        if (!row.sameRequest()) {
          throw new IdempotencyConflictException("task");
        }
        return row.task();
      }
    }
    // Only a keyed task created and deleted again between every attempt gets here.
    throw new RetryableException("the task with this idempotency key was created and deleted by concurrent calls "
        + KEYED_CREATE_ATTEMPTS + " times in a row; retry", null, null);
  }

  @Override
  public List<Long> createAll(List<TaskBase> tasks) {
    Checks.required("tasks", tasks);
    Map<String, Integer> keys = null; // made only when a task has a key: batches without keys allocate nothing
    for (int i = 0; i < tasks.size(); i++) {
      TaskBase task = tasks.get(i);
      if (task == null) {
        throw new ValidationException("tasks[" + i + "]", "must not be null");
      }
      if (task.idempotencyKey().isPresent()) {
        keys = keys == null ? new HashMap<>() : keys;
        Integer first = keys.putIfAbsent(task.idempotencyKey().get(), i);
        if (first != null) {
          throw new ValidationException("tasks[" + i + "].idempotencyKey", "repeats the key of tasks[" + first + "]");
        }
      }
    }
    if (tasks.isEmpty()) {
      return List.of();
    }
    if (tasks.size() <= TaskBulkInsert.CHUNK) {
      return sql.withConnection(Op.TASK_CREATE_ALL, c -> bulk.insert(c, tasks));
    }
    // Several statements, one call each (a span each): all or nothing.
    return sql.atomic(tx -> {
      List<Long> ids = new ArrayList<>(tasks.size());
      for (int from = 0; from < tasks.size(); from += TaskBulkInsert.CHUNK) {
        List<TaskBase> chunk = tasks.subList(from, Math.min(tasks.size(), from + TaskBulkInsert.CHUNK));
        ids.addAll(tx.withConnection(Op.TASK_CREATE_ALL, c -> bulk.insert(c, chunk)));
      }
      return ids;
    });
  }

  @Override
  public Optional<TaskRead> findById(long id) {
    return sql.withConnection(Op.TASK_FIND, c -> tasks.findById(c, id));
  }

  /**
   * The tasks of these ids that exist, by id, in one round trip: several asynchronous {@code findById} and
   * {@code get} calls that waited for a connection together ({@link AsyncRunner}).
   */
  Map<Long, TaskRead> findByIds(long[] ids) {
    return sql.withConnection(Op.TASK_FIND_BATCH, c -> tasks.findByIds(c, ids));
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
    return sql.withConnection(Op.TASK_UPDATE, c -> tasks.update(c, id, update))
        .orElseThrow(() -> new NotFoundException("task", id));
  }

  @Override
  public TaskRead update(long id, TaskUpdate update, long expectedVersion) {
    Checks.required("update", update);
    if (expectedVersion < 1) {
      throw new ValidationException("expectedVersion", "must be at least 1");
    }
    if (update.isEmpty()) {
      TaskRead current = get(id);
      if (current.version() != expectedVersion) {
        throw new StaleVersionException("task", id, expectedVersion, current.version());
      }
      return current;
    }
    TaskSql.Versioned row = sql.withConnection(Op.TASK_UPDATE, c -> tasks.update(c, id, update, expectedVersion))
        .orElseThrow(() -> new NotFoundException("task", id));
    if (row.updated()) {
      return row.task();
    }
    long current = row.task().version();
    if (current == expectedVersion) {
      // The statement's snapshot still had the expected version: a concurrent update (or delete) committed while
      // this one waited for the row's lock. Rare; one more read says what the row is now.
      current = get(id).version();
    }
    throw new StaleVersionException("task", id, expectedVersion, current);
  }

  @Override
  public boolean delete(long id) {
    return sql.withConnection(Op.TASK_DELETE, c -> tasks.delete(c, id));
  }

  @Override
  public Optional<TaskWithUser> findWithUser(long id) {
    return sql.withConnection(Op.TASK_FIND_WITH_USER, c -> tasks.findWithUser(c, id));
  }

  @Override
  public Page<TaskRead> list(TaskQuery query) {
    Checks.required("query", query);
    TaskListSql.Statement select = lists.page(query, false);
    int rankColumn = 1 + Rows.TASK_COLUMNS.size();
    List<KeysetPage.Keyed<TaskRead>> rows = sql.withConnection(Op.TASK_LIST, c -> select.list(c, query.limit() + 1,
        rs -> {
          TaskRead task = Rows.task(rs, 1);
          return KeysetPage.keyed(query, task, task, rs, rankColumn);
        }));
    return KeysetPage.of(query, rows);
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
    boolean relevance = query.sort() == TaskSort.RELEVANCE;
    boolean backward = TaskQueries.backward(query);
    Result<Record> rows = sql.call(Op.USER_TASKS, dsl -> {
      List<Field<?>> columns = new ArrayList<>(List.of(TASK.fields()));
      if (relevance) {
        columns.add(TaskQueries.rank(query.filter().search().orElseThrow()).as(TaskQueries.RANK));
      }
      Table<Record> page = dsl.select(columns).from(TASK)
          .where(TaskQueries.pageCondition(query))
          .orderBy(TaskQueries.orderBy(query.sort(), backward))
          .limit(query.limit() + 1)
          .offset(query.offset())
          .asTable("page");
      return dsl.select(page.fields())
          .from(USER).leftJoin(DSL.lateral(page)).on(DSL.trueCondition())
          .where(USER.ID.eq(userId))
          .orderBy(TaskQueries.orderBy(query.sort(), page, page.field(TaskQueries.RANK, Float.class), backward))
          .fetch();
    });
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<KeysetPage.Keyed<TaskRead>> items = new ArrayList<>(rows.size());
    for (Record row : rows) {
      TaskRecord r = row.into(TASK);
      if (r.getId() != null) {
        TaskRead task = Rows.task(r);
        float rank = relevance ? row.get(TaskQueries.RANK, Float.class) : 0f;
        items.add(new KeysetPage.Keyed<>(task, task.id(), TaskQueries.key(query.sort(), task.createdAt(), rank)));
      }
    }
    return Optional.of(KeysetPage.of(query, items));
  }

  @Override
  public Page<TaskWithUser> listWithUsers(TaskQuery query) {
    Checks.required("query", query);
    int userColumn = 1 + Rows.TASK_COLUMNS.size();
    int rankColumn = userColumn + Rows.USER_COLUMNS.size();
    TaskListSql.Statement select = lists.page(query, true);
    List<KeysetPage.Keyed<TaskWithUser>> rows = sql.withConnection(Op.TASK_LIST_WITH_USERS, c -> select.list(c,
        query.limit() + 1, rs -> {
          TaskRead task = Rows.task(rs, 1);
          return KeysetPage.keyed(query, new TaskWithUser(task, Rows.optionalUser(rs, userColumn)), task, rs,
              rankColumn);
        }));
    return KeysetPage.of(query, rows);
  }

  @Override
  public long count(TaskFilter filter) {
    Checks.required("filter", filter);
    TaskListSql.Statement count = TaskListSql.countedByCounters(filter)
        ? lists.countFromCounters(filter)
        : lists.count(filter);
    return sql.withConnection(Op.TASK_COUNT, count::count);
  }

  @Override
  public Map<Priority, Long> countByPriority(TaskFilter filter) {
    Checks.required("filter", filter);
    Map<Priority, Long> counts = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      counts.put(p, 0L);
    }
    if (TaskListSql.countedByCounters(filter)) {
      TaskListSql.Statement select = lists.countByPriorityFromCounters(filter);
      List<Map.Entry<Priority, Long>> rows = sql.withConnection(Op.TASK_COUNT_BY_PRIORITY,
          c -> select.list(c, 3, rs -> Map.entry(Rows.priority(rs.getString(1)), rs.getLong(2))));
      for (Map.Entry<Priority, Long> r : rows) {
        counts.put(r.getKey(), r.getValue());
      }
      return java.util.Collections.unmodifiableMap(counts);
    }
    Result<Record2<String, Integer>> rows = sql.call(Op.TASK_COUNT_BY_PRIORITY, dsl -> dsl.select(TASK.PRIORITY, DSL.count())
        .from(TASK).where(TaskQueries.condition(filter)).groupBy(TASK.PRIORITY).fetch());
    for (Record2<String, Integer> r : rows) {
      counts.put(Rows.priority(r.value1()), r.value2().longValue());
    }
    return java.util.Collections.unmodifiableMap(counts);
  }
}
