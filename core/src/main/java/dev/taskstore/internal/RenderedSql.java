package dev.taskstore.internal;

import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * Renders a statement once, for plain JDBC: jOOQ writes the SQL, with a {@code ?} marker per bind value, and
 * this class checks that the markers come in the order the caller binds them. A change in how jOOQ orders a
 * statement then fails when the statement is rendered (and {@code StatementShapeTest} renders every statement),
 * never by binding a value to the wrong column. Not public API.
 */
final class RenderedSql {

  private RenderedSql() {}

  /** A bind marker named {@code name}, typed like {@code column}. */
  static <T> Param<T> param(String name, Field<T> column) {
    return DSL.param(name, column);
  }

  /**
   * The SQL of {@code query} as {@code render} writes it; fails unless its bind markers (inline values aside)
   * are exactly {@code bindOrder}, by name, in order.
   */
  static String render(DSLContext render, Query query, List<String> bindOrder) {
    List<String> actual = query.getParams().entrySet().stream().filter(e -> !e.getValue().isInline())
        .map(Map.Entry::getKey).toList();
    if (!actual.equals(bindOrder)) {
      throw new IllegalStateException("jOOQ rendered the bind values as " + actual + ", expected " + bindOrder
          + ": " + query.getSQL());
    }
    return render.render(query);
  }
}
