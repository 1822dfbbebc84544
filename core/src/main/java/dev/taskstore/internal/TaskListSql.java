package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;
import static dev.taskstore.internal.jooq.Tables.TASK_COUNT;
import static dev.taskstore.internal.jooq.Tables.TASK_COUNT_BY_USER;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskSort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The task list and count queries: jOOQ renders each query <em>shape</em> once (which filter conditions are
 * present, the completed value, which jOOQ inlines, the sort, whether there is a cursor, which way it pages, or an
 * offset), and every
 * call of that shape runs the cached SQL on plain JDBC with bind values computed here. Not public API.
 *
 * <p>Why: rendering the query anew was a quarter of a page's client CPU and most of a count's (bench/README.md,
 * "What we found"). The bind values computed here are checked against jOOQ's own for the first
 * call of every shape in the JVM, so a change in how jOOQ orders them fails loudly instead of binding a value to
 * the wrong marker.
 */
final class TaskListSql {

  // A shape is a bit set: the filter's conditions, then how the page starts, then the sort's ordinal.
  private static final int COMPLETED = 1; // with COMPLETED_TRUE: none, false or true
  private static final int COMPLETED_TRUE = COMPLETED << 1;
  private static final int PRIORITY = COMPLETED_TRUE << 1;
  private static final int USER_ID = PRIORITY << 1;
  private static final int DUE_BEFORE = USER_ID << 1;
  private static final int DUE_AFTER = DUE_BEFORE << 1;
  private static final int TITLE_CONTAINS = DUE_AFTER << 1;
  private static final int SEARCH = TITLE_CONTAINS << 1;
  /** One past the filter bits: the number of filter shapes. */
  private static final int FILTER_SHAPES = SEARCH << 1;
  private static final int AFTER = FILTER_SHAPES;
  private static final int BEFORE = AFTER << 1;
  private static final int OFFSET = BEFORE << 1;
  private static final int SORT_UNIT = OFFSET << 1;
  private static final int SHAPES = SORT_UNIT * TaskSort.values().length;
  private final DSLContext render;
  private final AtomicReferenceArray<String> counts = new AtomicReferenceArray<>(FILTER_SHAPES);
  // Counter filters use the completed, priority and user bits only: the lowest four.
  private final AtomicReferenceArray<String> counterCounts = new AtomicReferenceArray<>(USER_ID << 1);
  private final AtomicReferenceArray<String> counterCountsByPriority = new AtomicReferenceArray<>(USER_ID << 1);
  private final AtomicReferenceArray<String> lists = new AtomicReferenceArray<>(SHAPES);
  private final AtomicReferenceArray<String> listsWithUsers = new AtomicReferenceArray<>(SHAPES);

  /** Renders with {@code render}, which maps the tables to one store's schema. */
  TaskListSql(DSLContext render) {
    this.render = render;
  }

  /** Maps one JDBC row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * A statement ready to run: the shape's SQL and this call's bind values.
   *
   * @param sql the SQL with {@code ?} markers
   * @param binds the values, in marker order
   */
  record Statement(String sql, List<Object> binds) {

    /** Runs a count. */
    long count(Connection c) throws SQLException {
      try (PreparedStatement ps = prepare(c); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }

    /** Runs a list and maps its rows. */
    <T> List<T> list(Connection c, int expectedRows, RowMapper<T> mapper) throws SQLException {
      try (PreparedStatement ps = prepare(c); ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>(expectedRows);
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }

    private PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql);
      try {
        for (int i = 0; i < binds.size(); i++) {
          ps.setObject(i + 1, binds.get(i));
        }
        return ps;
      } catch (SQLException | RuntimeException e) {
        ps.close();
        throw e;
      }
    }
  }

  /** The count of the tasks that match the filter. */
  Statement count(TaskFilter filter) {
    List<Object> binds = TaskQueries.conditionBinds(filter, new ArrayList<>(6));
    return new Statement(sql(counts, filterShape(filter), binds,
        () -> render.selectCount().from(TASK).where(TaskQueries.condition(filter))), binds);
  }

  /**
   * Whether the counters of schema V5 answer a count of {@code filter}: it has conditions on completed,
   * priority and user only. A filter on the title, the due date or a search term counts the task rows.
   */
  static boolean countedByCounters(TaskFilter f) {
    return f.dueBefore().isEmpty() && f.dueAfter().isEmpty() && f.titleContains().isEmpty()
        && f.search().isEmpty();
  }

  /**
   * The count of the tasks that match a filter that {@link #countedByCounters} accepts, as the sum of its
   * counter rows: {@code task_count} without a user condition, {@code task_count_by_user} with one.
   */
  Statement countFromCounters(TaskFilter filter) {
    List<Object> binds = TaskQueries.conditionBinds(filter, new ArrayList<>(2));
    return new Statement(sql(counterCounts, filterShape(filter), binds, () -> {
      Counter t = Counter.of(filter);
      return render.select(DSL.coalesce(DSL.sum(t.n).cast(SQLDataType.BIGINT), DSL.inline(0L)))
          .from(t.table).where(t.condition(filter));
    }), binds);
  }

  /** Counts per priority (priority, count rows; absent priorities have none) from the counters. */
  Statement countByPriorityFromCounters(TaskFilter filter) {
    List<Object> binds = TaskQueries.conditionBinds(filter, new ArrayList<>(2));
    return new Statement(sql(counterCountsByPriority, filterShape(filter), binds, () -> {
      Counter t = Counter.of(filter);
      return render.select(t.priority, DSL.sum(t.n).cast(SQLDataType.BIGINT))
          .from(t.table).where(t.condition(filter)).groupBy(t.priority);
    }), binds);
  }

  /** The counter table a filter reads, and its columns. */
  private record Counter(Table<?> table, Field<String> priority, Field<Boolean> completed, Field<Long> userId,
      Field<Long> n) {

    static Counter of(TaskFilter f) {
      return f.userId().isPresent()
          ? new Counter(TASK_COUNT_BY_USER, TASK_COUNT_BY_USER.PRIORITY, TASK_COUNT_BY_USER.COMPLETED,
              TASK_COUNT_BY_USER.USER_ID, TASK_COUNT_BY_USER.N)
          : new Counter(TASK_COUNT, TASK_COUNT.PRIORITY, TASK_COUNT.COMPLETED, null, TASK_COUNT.N);
    }

    /** {@link TaskQueries#condition}'s conditions on these columns, in the same order (so the same binds). */
    Condition condition(TaskFilter f) {
      Condition c = DSL.noCondition();
      if (f.completed().isPresent()) {
        c = c.and(f.completed().get() ? completed.isTrue() : completed.isFalse());
      }
      if (f.priority().isPresent()) {
        c = c.and(priority.eq(f.priority().get().dbValue()));
      }
      if (f.userId().isPresent()) {
        c = c.and(userId.eq(f.userId().get()));
      }
      return c;
    }
  }

  /**
   * One page of tasks (with their users or not), plus one row more when there is one, so that the caller
   * knows whether a next page exists; when paging back, the rows before the cursor nearest first, so in
   * reverse order. A {@link TaskSort#RELEVANCE} page selects the relevance as its last column. Validates the
   * query's cursor.
   */
  Statement page(TaskQuery q, boolean withUsers) {
    List<Object> binds = new ArrayList<>(12);
    boolean relevance = q.sort() == TaskSort.RELEVANCE;
    if (relevance) {
      binds.add(q.filter().search().orElseThrow());
    }
    TaskQueries.pageConditionBinds(q, binds);
    binds.add(q.offset());
    binds.add((long) (q.limit() + 1)); // jOOQ binds limit and offset as bigint
    return new Statement(sql(withUsers ? listsWithUsers : lists, pageShape(q), binds, () -> {
      List<Field<?>> columns = new ArrayList<>(Rows.TASK_COLUMNS);
      if (withUsers) {
        columns.addAll(Rows.USER_COLUMNS);
      }
      if (relevance) {
        columns.add(TaskQueries.rank(q.filter().search().orElseThrow()).as(TaskQueries.RANK));
      }
      var select = withUsers
          ? render.select(columns).from(TASK).leftJoin(USER).on(USER.ID.eq(TASK.USER_ID))
          : render.select(columns).from(TASK);
      return select.where(TaskQueries.pageCondition(q))
          .orderBy(TaskQueries.orderBy(q.sort(), TaskQueries.backward(q)))
          .limit(q.limit() + 1)
          .offset(q.offset());
    }), binds);
  }

  /** The shape's SQL; on the shape's first call, renders it and checks that {@code binds} are jOOQ's. */
  private String sql(AtomicReferenceArray<String> cache, int shape, List<Object> binds,
      Supplier<Query> query) {
    String sql = cache.get(shape);
    if (sql == null) {
      Query q = query.get();
      List<Object> expected = render.extractBindValues(q);
      if (!expected.equals(binds)) {
        throw new IllegalStateException("bind values " + types(binds) + " differ from jOOQ's " + types(expected)
            + " for " + q.getSQL());
      }
      sql = render.render(q);
      cache.set(shape, sql);
    }
    return sql;
  }

  private static int filterShape(TaskFilter f) {
    int shape = 0;
    if (f.completed().isPresent()) {
      shape |= f.completed().get() ? COMPLETED | COMPLETED_TRUE : COMPLETED;
    }
    shape |= f.priority().isPresent() ? PRIORITY : 0;
    shape |= f.userId().isPresent() ? USER_ID : 0;
    shape |= f.dueBefore().isPresent() ? DUE_BEFORE : 0;
    shape |= f.dueAfter().isPresent() ? DUE_AFTER : 0;
    shape |= f.titleContains().isPresent() ? TITLE_CONTAINS : 0;
    shape |= f.search().isPresent() ? SEARCH : 0;
    return shape;
  }

  private static int pageShape(TaskQuery q) {
    return filterShape(q.filter())
        | (q.cursor().isPresent() ? AFTER : 0)
        | (q.before().isPresent() ? BEFORE : 0)
        | (q.offset() > 0 ? OFFSET : 0)
        | q.sort().ordinal() * SORT_UNIT;
  }

  /** The values' types only: messages never carry bound values. */
  private static List<String> types(List<Object> values) {
    return values.stream().map(v -> v == null ? "null" : v.getClass().getSimpleName()).toList();
  }
}
