package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.TaskBase;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TaskWithUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * The single-row task statements, with SQL that jOOQ renders from the generated classes once per schema (when a
 * store on that schema first needs it) and that then runs on plain JDBC with prepared statements. Not public API.
 *
 * <p>Why: building, rendering and executing a jOOQ query and materialising its record cost a single-row call a
 * large share of its client CPU and most of its garbage (bench/README.md, "What we found", has the figures).
 * With the SQL rendered in advance, the call does what hand-written JDBC does. The SQL stays jOOQ's: a schema
 * change that breaks a statement still breaks the build or the first use, and nothing is concatenated by hand.
 * Statements whose shape depends on the caller's filters (lists, counts) are {@link TaskListSql}'s.
 */
final class TaskSql {

  private final DSLContext render;
  private final String findById;
  private final String findByIds;
  private final String findWithUser;
  private final String insert;
  private final String delete;

  /** One UPDATE per combination of set fields, rendered on first use; indexed by the fields' bit mask. */
  private final AtomicReferenceArray<String> updates =
      new AtomicReferenceArray<>(1 << TaskUpdate.Field.values().length);

  /** Renders the statements with {@code render}, which maps the tables to one store's schema. */
  TaskSql(DSLContext render) {
    this.render = render;
    this.findById = render(render.select(Rows.TASK_COLUMNS).from(TASK)
        .where(TASK.ID.eq(param(TASK.ID))), List.of(TASK.ID));
    this.findByIds = RenderedSql.render(render, render.select(Rows.TASK_COLUMNS).from(TASK)
        .where(TASK.ID.eq(DSL.any(DSL.param("ids", Long[].class)))), List.of("ids"));
    this.findWithUser = render(render.select(Rows.TASK_COLUMNS).select(Rows.USER_COLUMNS)
        .from(TASK).leftJoin(USER).on(USER.ID.eq(TASK.USER_ID))
        .where(TASK.ID.eq(param(TASK.ID))), List.of(TASK.ID));
    this.insert = render(insertQuery(), TaskColumns.INSERTED_FIELDS);
    this.delete = render(render.deleteFrom(TASK).where(TASK.ID.eq(param(TASK.ID))), List.of(TASK.ID));
  }

  TaskRead insert(Connection c, TaskBase task) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      TaskColumns.bindInserted(ps, 1, task);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Rows.task(rs, 1);
      }
    }
  }

  Optional<TaskRead> findById(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(findById)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Rows.task(rs, 1)) : Optional.empty();
      }
    }
  }

  /** The tasks of these ids that exist, by id, in one round trip ({@code id = ANY(?)}). */
  Map<Long, TaskRead> findByIds(Connection c, long[] ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(findByIds)) {
      ps.setObject(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        Map<Long, TaskRead> found = new HashMap<>(ids.length * 2);
        while (rs.next()) {
          TaskRead task = Rows.task(rs, 1);
          found.put(task.id(), task);
        }
        return found;
      }
    }
  }

  Optional<TaskWithUser> findWithUser(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(findWithUser)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        TaskRead task = Rows.task(rs, 1);
        return Optional.of(new TaskWithUser(task, Rows.optionalUser(rs, 1 + Rows.TASK_COLUMNS.size())));
      }
    }
  }

  /** Applies a non-empty update; empty when there is no such task. */
  Optional<TaskRead> update(Connection c, long id, TaskUpdate update) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(updateSql(update))) {
      int i = 1;
      for (TaskUpdate.Field f : update.fields()) { // in declaration order, as rendered
        TaskColumns.of(f).bindUpdated(ps, i++, update);
      }
      ps.setLong(i, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Rows.task(rs, 1)) : Optional.empty();
      }
    }
  }

  boolean delete(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(delete)) {
      ps.setLong(1, id);
      return ps.executeUpdate() > 0;
    }
  }

  private String updateSql(TaskUpdate update) {
    int mask = 0;
    for (TaskUpdate.Field f : update.fields()) {
      mask |= 1 << f.ordinal();
    }
    String sql = updates.get(mask);
    if (sql == null) {
      Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
      List<Field<?>> binds = new ArrayList<>();
      for (TaskUpdate.Field f : update.fields()) {
        Field<?> column = TaskColumns.of(f).field();
        values.put(column, param(column));
        binds.add(column);
      }
      binds.add(TASK.ID);
      sql = render(render.update(TASK).set(values).where(TASK.ID.eq(param(TASK.ID))).returning(Rows.TASK_COLUMNS),
          binds);
      updates.set(mask, sql);
    }
    return sql;
  }

  private Query insertQuery() {
    Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
    for (Field<?> column : TaskColumns.INSERTED_FIELDS) {
      values.put(column, param(column));
    }
    return render.insertInto(TASK).set(values).returning(Rows.TASK_COLUMNS);
  }

  /** A bind marker named after its column, typed like it. */
  private static <T> Field<T> param(Field<T> column) {
    return RenderedSql.param(column.getName(), column);
  }

  /** The query's SQL; fails unless its markers come in the order the code above binds them. */
  private String render(Query query, List<Field<?>> bindOrder) {
    return RenderedSql.render(render, query, bindOrder.stream().map(Field::getName).toList());
  }
}
