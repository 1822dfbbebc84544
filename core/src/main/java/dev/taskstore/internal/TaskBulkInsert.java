package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;

import dev.taskstore.TaskBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.impl.DSL;

/**
 * {@code createAll}'s statements: multi-row {@code INSERT … VALUES (…), (…) RETURNING id} of up to {@link #CHUNK}
 * rows each, SQL rendered by jOOQ (once for full chunks, per call for the last, shorter one) and bound on plain
 * JDBC. The caller runs more than one chunk in a transaction. Not public API.
 *
 * <p>Why not build the INSERT with jOOQ's DSL each time: it cost several times the client CPU and garbage. Why not
 * COPY: measured side by side on this schema, both insert at the server's speed, so the simpler path stays: SQL
 * that jOOQ renders, one round trip per 1,000 rows, one for a small list (bench/README.md, "What we found", has
 * the figures).
 */
final class TaskBulkInsert {

  /** Rows per INSERT statement: 8 parameters each (TaskColumns.INSERTED), well below PostgreSQL's 65,535. */
  static final int CHUNK = 1000;

  private static final List<Field<?>> COLUMNS = TaskColumns.INSERTED_FIELDS;

  private final DSLContext render;
  private volatile String fullChunk;

  /** Renders with {@code render}, which maps the tables to one store's schema. */
  TaskBulkInsert(DSLContext render) {
    this.render = render;
  }

  /** Inserts the tasks and returns their ids in input order. */
  List<Long> insert(Connection c, List<TaskBase> tasks) throws SQLException {
    List<Long> ids = new ArrayList<>(tasks.size());
    for (int from = 0; from < tasks.size(); from += CHUNK) {
      int n = Math.min(CHUNK, tasks.size() - from);
      try (PreparedStatement ps = c.prepareStatement(sql(n))) {
        int i = 1;
        for (TaskBase t : tasks.subList(from, from + n)) {
          i = TaskColumns.bindInserted(ps, i, t);
        }
        // PostgreSQL returns the rows of a multi-row INSERT ... VALUES in the order of the VALUES list.
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
    }
    return ids;
  }

  private String sql(int rows) {
    if (rows != CHUNK) {
      return render(rows);
    }
    String sql = fullChunk;
    if (sql == null) {
      sql = render(rows);
      fullChunk = sql;
    }
    return sql;
  }

  private String render(int rows) {
    InsertValuesStepN<?> insert = render.insertInto(TASK, COLUMNS).values(markers());
    for (int r = 1; r < rows; r++) {
      insert = insert.values(markers());
    }
    return render.render(insert.returningResult(TASK.ID));
  }

  /** One row of bind markers, typed like the columns. */
  private static List<Field<?>> markers() {
    List<Field<?>> row = new ArrayList<>(COLUMNS.size());
    for (Field<?> column : COLUMNS) {
      row.add(DSL.param(column));
    }
    return row;
  }
}
