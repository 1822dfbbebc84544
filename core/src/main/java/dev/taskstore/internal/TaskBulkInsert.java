package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;

import dev.taskstore.TaskBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code createAll}'s statement: one array parameter per column, {@code INSERT INTO task (…) SELECT … FROM
 * unnest(?, ?, …) WITH ORDINALITY AS r(…, ord) ORDER BY ord RETURNING id}, for up to {@link #CHUNK} rows a
 * statement. The SQL is rendered by jOOQ once, from {@link TaskColumns#INSERTED}, and is the same text for any
 * number of rows, so the server parses and plans it once per connection (pgjdbc prepares it server-side after a
 * few uses) where a multi-row {@code VALUES} list was new SQL for every distinct chunk size. The caller runs more
 * than one chunk in a transaction. Not public API.
 *
 * <p>Why this shape: measured in one run against the multi-row {@code VALUES} statement it replaces, JDBC's
 * {@code executeBatch} and COPY (bench/README.md, "What we found", {@code BulkCandidates}): it was the fastest
 * way that returns the ids, and faster than COPY, which returns none.
 */
final class TaskBulkInsert {

  /**
   * Rows per statement (the round trips {@code RoundTripTest} counts) and so the size of one set of arrays, about
   * a megabyte for typical tasks. 10,000, not 1,000: at a million rows, statements of 1,000 took 1.7× as long
   * (every statement pays its round trip, its trigger call and its counter deltas; bench/README.md).
   */
  static final int CHUNK = 10_000;

  private static final List<TaskColumns.Column<?>> COLUMNS = TaskColumns.INSERTED;

  private final String sql;

  /** Renders with {@code render}, which maps the tables to one store's schema. */
  TaskBulkInsert(DSLContext render) {
    this.sql = render(render);
  }

  /** Inserts the tasks (at most {@link #CHUNK}) and returns their ids in input order. */
  List<Long> insert(Connection c, List<TaskBase> tasks) throws SQLException {
    long[] ids = new long[tasks.size()];
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      List<java.sql.Array> arrays = new ArrayList<>(COLUMNS.size());
      try {
        for (TaskColumns.Column<?> column : COLUMNS) {
          java.sql.Array array = column.insertedArray(c, tasks);
          arrays.add(array);
          ps.setArray(arrays.size(), array);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids[n++] = rs.getLong(1);
          }
        }
      } finally {
        for (java.sql.Array a : arrays) {
          a.free();
        }
      }
    }
    // The identity default takes its values as the rows come, in ORDER BY ord order, so ascending ids are input
    // order whatever order RETURNING gives them in (it gives them in that order today: the sort is then a scan).
    Arrays.sort(ids);
    List<Long> out = new ArrayList<>(ids.length);
    for (long id : ids) {
      out.add(id);
    }
    return out;
  }

  private static String render(DSLContext render) {
    List<Field<?>> columns = TaskColumns.INSERTED_FIELDS;
    List<Field<?>> arrays = new ArrayList<>(columns.size());
    List<Field<?>> selected = new ArrayList<>(columns.size());
    Name[] aliases = new Name[columns.size() + 1];
    for (int i = 0; i < columns.size(); i++) {
      Field<?> column = columns.get(i);
      arrays.add(DSL.param(column.getName(), column.getDataType().getArrayDataType()));
      selected.add(DSL.field(DSL.name("r", column.getName()), column.getDataType()));
      aliases[i] = DSL.name(column.getName());
    }
    aliases[columns.size()] = DSL.name("ord");
    Table<?> rows = DSL.table("unnest({0}) with ordinality as {1}", DSL.list(arrays), DSL.name("r").fields(aliases));
    Field<Long> ord = DSL.field(DSL.name("r", "ord"), SQLDataType.BIGINT);
    return render.render(render.insertInto(TASK, columns)
        .select(DSL.select(selected).from(rows).orderBy(ord))
        .returningResult(TASK.ID));
  }
}
