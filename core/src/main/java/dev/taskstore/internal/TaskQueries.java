package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;

import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskSort;
import dev.taskstore.internal.jooq.tables.records.TaskRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Turns typed filters, sorts and cursors into jOOQ conditions and orderings. Not public API. */
final class TaskQueries {

  private TaskQueries() {}

  /** The condition of a filter; {@link DSL#noCondition()} for {@link TaskFilter#all()}. */
  public static Condition condition(TaskFilter f) {
    Condition c = DSL.noCondition();
    if (f.completed().isPresent()) {
      c = c.and(f.completed().get() ? TASK.COMPLETED.isTrue() : TASK.COMPLETED.isFalse());
    }
    if (f.priority().isPresent()) {
      c = c.and(TASK.PRIORITY.eq(f.priority().get().dbValue()));
    }
    if (f.userId().isPresent()) {
      c = c.and(TASK.USER_ID.eq(f.userId().get()));
    }
    if (f.dueBefore().isPresent()) {
      c = c.and(TASK.DUE_DATE.lt(Rows.timestamp(f.dueBefore().get())));
    }
    if (f.dueAfter().isPresent()) {
      c = c.and(TASK.DUE_DATE.ge(Rows.timestamp(f.dueAfter().get())));
    }
    if (f.titleContains().isPresent()) {
      c = c.and(TASK.TITLE.likeIgnoreCase(containsPattern(f.titleContains().get()), '\\'));
    }
    return c;
  }

  /**
   * Adds the bind values of {@link #condition(TaskFilter)} in the order jOOQ renders them ({@code completed} is
   * rendered inline, so it has none). {@link TaskListSql} checks this order against jOOQ's once per query shape.
   */
  static List<Object> conditionBinds(TaskFilter f, List<Object> binds) {
    f.priority().ifPresent(p -> binds.add(p.dbValue()));
    f.userId().ifPresent(binds::add);
    f.dueBefore().ifPresent(d -> binds.add(Rows.timestamp(d)));
    f.dueAfter().ifPresent(d -> binds.add(Rows.timestamp(d)));
    f.titleContains().ifPresent(t -> binds.add(containsPattern(t)));
    return binds;
  }

  /** The LIKE pattern of "contains this text literally". */
  static String containsPattern(String text) {
    return "%" + escapeLike(text) + "%";
  }

  /** Escapes LIKE's wildcards so that the text matches literally (with {@code \} as escape character). */
  public static String escapeLike(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '%' || ch == '_' || ch == '\\') {
        sb.append('\\');
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  /** The filter's condition plus, with a cursor, "after the cursor's row" in the query's order. */
  public static Condition pageCondition(TaskQuery q) {
    Condition c = condition(q.filter());
    if (q.cursor().isEmpty()) {
      return c;
    }
    Cursor cursor = Cursor.decode(q.cursor().get(), q.sort(), q.filter());
    switch (q.sort()) {
      case ID_ASC:
        return c.and(TASK.ID.gt(cursor.id()));
      case ID_DESC:
        return c.and(TASK.ID.lt(cursor.id()));
      case CREATED_AT_ASC:
        return c.and(DSL.row(TASK.CREATED_AT, TASK.ID)
            .gt(Rows.timestamp(Cursor.instant(cursor.createdAtMicros())), cursor.id()));
      case CREATED_AT_DESC:
        return c.and(DSL.row(TASK.CREATED_AT, TASK.ID)
            .lt(Rows.timestamp(Cursor.instant(cursor.createdAtMicros())), cursor.id()));
      default:
        throw new IllegalStateException("unknown sort " + q.sort());
    }
  }

  /**
   * Adds the bind values of {@link #pageCondition(TaskQuery)} in the order jOOQ renders them, decoding (and so
   * validating) the cursor.
   */
  static List<Object> pageConditionBinds(TaskQuery q, List<Object> binds) {
    conditionBinds(q.filter(), binds);
    if (q.cursor().isPresent()) {
      Cursor cursor = Cursor.decode(q.cursor().get(), q.sort(), q.filter());
      switch (q.sort()) {
        case ID_ASC, ID_DESC -> binds.add(cursor.id());
        case CREATED_AT_ASC, CREATED_AT_DESC -> {
          binds.add(Rows.timestamp(Cursor.instant(cursor.createdAtMicros())));
          binds.add(cursor.id());
        }
        default -> throw new IllegalStateException("unknown sort " + q.sort());
      }
    }
    return binds;
  }

  /** The ORDER BY of a sort; every order ends with the id, so it is total. */
  public static List<OrderField<?>> orderBy(TaskSort sort) {
    return orderBy(sort, TASK);
  }

  /** The ORDER BY of a sort over a table or subquery with the task table's columns. */
  public static List<OrderField<?>> orderBy(TaskSort sort, Table<TaskRecord> table) {
    Field<Long> id = table.field(TASK.ID);
    Field<OffsetDateTime> createdAt = table.field(TASK.CREATED_AT);
    List<OrderField<?>> order = new ArrayList<>(2);
    switch (sort) {
      case ID_ASC -> order.add(id.asc());
      case ID_DESC -> order.add(id.desc());
      case CREATED_AT_ASC -> {
        order.add(createdAt.asc());
        order.add(id.asc());
      }
      case CREATED_AT_DESC -> {
        order.add(createdAt.desc());
        order.add(id.desc());
      }
      default -> throw new IllegalStateException("unknown sort " + sort);
    }
    return order;
  }

  /** The cursor that continues after the given row. */
  public static String cursorAfter(TaskQuery q, long id, Instant createdAt) {
    long micros = switch (q.sort()) {
      case CREATED_AT_ASC, CREATED_AT_DESC -> Cursor.micros(createdAt);
      default -> 0L;
    };
    return new Cursor(q.sort(), Cursor.filterHash(q.filter()), micros, id).encode();
  }
}
