package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;

import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskSort;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

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
    if (f.search().isPresent()) {
      // querytree() is the part of the query an index can serve: 'T' when there is none, as for a search of
      // excluded words only ("-draft", or '"" - OR', which PostgreSQL reads as "not the word or"). Such a
      // search matches nothing, rather than every task without the words, and never reads the whole table.
      Field<Object> query = searchQuery(f.search().get());
      c = c.and(DSL.condition("{0} @@ {1}", SEARCH_VECTOR, query))
          .and(DSL.condition("querytree({0}) <> 'T'", query));
    }
    return c;
  }

  /** The name of the relevance column that a {@link TaskSort#RELEVANCE} list selects last. */
  static final String RANK = "rank";

  /**
   * The text search configuration: {@code simple} (lower case, no stemming, no stop words), the same for every
   * language. It is part of the index expression (V3__task_search.sql), so it is a constant, not a setting:
   * another configuration needs another index, hence a migration.
   */
  private static final String CONFIG = "'simple'::regconfig";

  /**
   * What a task's words are: its title's (weight A) and description's (weight B), exactly the expression of
   * the GIN index {@code task_search_idx} (V3__task_search.sql), or PostgreSQL cannot use the index.
   */
  private static final Field<Object> SEARCH_VECTOR = DSL.field(
      "(setweight(to_tsvector(" + CONFIG + ", {0}), 'A') || setweight(to_tsvector(" + CONFIG
          + ", coalesce({1}, '')), 'B'))", SQLDataType.OTHER, TASK.TITLE, TASK.DESCRIPTION);

  /** A search term as a text search query; any text parses, never a syntax error. */
  private static Field<Object> searchQuery(String terms) {
    return DSL.field("websearch_to_tsquery(" + CONFIG + ", {0})", SQLDataType.OTHER, DSL.val(terms));
  }

  /** How well a task matches the search: a {@code real}, greater is better. */
  static Field<Float> rank(String terms) {
    return DSL.field("ts_rank({0}, {1})", SQLDataType.REAL, SEARCH_VECTOR, searchQuery(terms));
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
    f.search().ifPresent(t -> {
      binds.add(t);
      binds.add(t);
    });
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

  /** Whether the query pages back from a previous cursor (and so reads its rows in reverse order). */
  static boolean backward(TaskQuery q) {
    return q.before().isPresent();
  }

  /** The query's cursor, decoded (and so validated) for its filter, sort and direction; or null. */
  static Cursor cursor(TaskQuery q) {
    if (q.before().isPresent()) {
      return Cursor.decode(q.before().get(), q.sort(), q.filter(), true);
    }
    return q.cursor().map(c -> Cursor.decode(c, q.sort(), q.filter(), false)).orElse(null);
  }

  /**
   * The filter's condition plus, with a cursor, "after the cursor's row" in the query's order, or "before"
   * it when paging back. The comparison is a row comparison over exactly the sort's key, so that it agrees
   * with {@link #orderBy} (for {@link TaskSort#RELEVANCE}, the same {@link #rank} expression the rows were
   * sorted and read by, compared with the exact {@code real} a cursor holds).
   */
  public static Condition pageCondition(TaskQuery q) {
    Condition c = condition(q.filter());
    Cursor cursor = cursor(q);
    if (cursor == null) {
      return c;
    }
    // Forward in an ascending sort, or back in a descending one: the rows with a greater key.
    boolean greater = ascending(q.sort()) != cursor.backward();
    switch (q.sort()) {
      case ID_ASC, ID_DESC:
        return c.and(greater ? TASK.ID.gt(cursor.id()) : TASK.ID.lt(cursor.id()));
      case CREATED_AT_ASC, CREATED_AT_DESC: {
        var row = DSL.row(TASK.CREATED_AT, TASK.ID);
        OffsetDateTime at = Rows.timestamp(Cursor.instant(cursor.key()));
        return c.and(greater ? row.gt(at, cursor.id()) : row.lt(at, cursor.id()));
      }
      case RELEVANCE: {
        var row = DSL.row(rank(q.filter().search().orElseThrow()), TASK.ID);
        Field<Float> rank = DSL.val(cursor.rank(), SQLDataType.REAL);
        Field<Long> id = DSL.val(cursor.id());
        return c.and(greater ? row.gt(rank, id) : row.lt(rank, id));
      }
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
    Cursor cursor = cursor(q);
    if (cursor != null) {
      switch (q.sort()) {
        case ID_ASC, ID_DESC -> binds.add(cursor.id());
        case CREATED_AT_ASC, CREATED_AT_DESC -> {
          binds.add(Rows.timestamp(Cursor.instant(cursor.key())));
          binds.add(cursor.id());
        }
        case RELEVANCE -> {
          binds.add(q.filter().search().orElseThrow());
          binds.add(cursor.rank());
          binds.add(cursor.id());
        }
        default -> throw new IllegalStateException("unknown sort " + q.sort());
      }
    }
    return binds;
  }

  /** Whether a sort's key ascends (every sort orders all of its key's columns the same way). */
  static boolean ascending(TaskSort sort) {
    return switch (sort) {
      case ID_ASC, CREATED_AT_ASC -> true;
      case ID_DESC, CREATED_AT_DESC, RELEVANCE -> false;
    };
  }

  /**
   * The ORDER BY of a sort, in reverse when paging back; every order ends with the id, so it is total. The
   * relevance is the select list's {@value #RANK} column, which {@link #rank} computes.
   */
  public static List<OrderField<?>> orderBy(TaskSort sort, boolean backward) {
    return orderBy(sort, TASK, DSL.field(DSL.name(RANK), SQLDataType.REAL), backward);
  }

  /** The ORDER BY of a sort over a table or subquery with the task table's columns and a relevance. */
  public static List<OrderField<?>> orderBy(TaskSort sort, Table<?> table, Field<Float> rank, boolean backward) {
    Field<Long> id = table.field(TASK.ID);
    List<Field<?>> key = switch (sort) {
      case ID_ASC, ID_DESC -> List.of(id);
      case CREATED_AT_ASC, CREATED_AT_DESC -> List.of(table.field(TASK.CREATED_AT), id);
      case RELEVANCE -> List.of(rank, id);
    };
    boolean asc = ascending(sort) != backward;
    List<OrderField<?>> order = new ArrayList<>(key.size());
    for (Field<?> f : key) {
      order.add(asc ? f.asc() : f.desc());
    }
    return order;
  }

  /** The cursor key of a row (see {@link Cursor#key()}). */
  static long key(TaskSort sort, Instant createdAt, float rank) {
    return switch (sort) {
      case CREATED_AT_ASC, CREATED_AT_DESC -> Cursor.micros(createdAt);
      case RELEVANCE -> Cursor.rankKey(rank);
      case ID_ASC, ID_DESC -> 0L;
    };
  }

  /** The cursor at a row: after it ({@code backward} false) or before it. */
  static String cursorAt(TaskQuery q, long id, long key, boolean backward) {
    return new Cursor(q.sort(), Cursor.filterHash(q.filter()), key, id, backward).encode();
  }
}
