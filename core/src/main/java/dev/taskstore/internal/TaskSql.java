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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
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
  private final String insertKeyed;
  private final String delete;

  /** One UPDATE per combination of set fields, rendered on first use; indexed by the fields' bit mask. */
  private final AtomicReferenceArray<String> updates =
      new AtomicReferenceArray<>(1 << TaskUpdate.Field.values().length);
  /** The same, with the version check of optimistic locking. */
  private final AtomicReferenceArray<String> versionedUpdates =
      new AtomicReferenceArray<>(1 << TaskUpdate.Field.values().length);

  /** What a keyed create found: the task, whether this call inserted it, and whether its request was the same. */
  record Keyed(TaskRead task, boolean created, boolean sameRequest) {}

  /** What a versioned update found: the task, and whether this call updated it (else it is the unchanged row). */
  record Versioned(TaskRead task, boolean updated) {}

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
    this.insertKeyed = render(insertKeyedQuery(), TaskColumns.INSERTED_FIELDS, EXISTING_KEY);
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

  /**
   * One attempt at a keyed create: inserts the task unless one with its key exists, and returns the row either
   * way, in one statement; null when a concurrent insert of the same key committed while this statement waited
   * for it (its snapshot then sees neither row), so the caller tries again.
   */
  Keyed insertKeyed(Connection c, TaskBase task) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insertKeyed)) {
      int i = TaskColumns.bindInserted(ps, 1, task);
      ps.setString(i, task.idempotencyKey().orElseThrow());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        int after = 1 + Rows.TASK_COLUMNS.size();
        byte[] stored = rs.getBytes(after);
        boolean created = rs.getBoolean(after + 1);
        return new Keyed(Rows.task(rs, 1), created,
            created || Arrays.equals(stored, IdempotencyFingerprint.of(task)));
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

  /**
   * Applies a non-empty update if the task is at {@code expectedVersion}, in one statement; otherwise returns the
   * row as this statement's snapshot saw it, unchanged. Empty when there is no such task.
   */
  Optional<Versioned> update(Connection c, long id, TaskUpdate update, long expectedVersion) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(versionedUpdateSql(update))) {
      int i = 1;
      for (TaskUpdate.Field f : update.fields()) {
        TaskColumns.of(f).bindUpdated(ps, i++, update);
      }
      ps.setLong(i++, id);
      ps.setLong(i++, expectedVersion);
      ps.setLong(i, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Versioned(Rows.task(rs, 1), rs.getBoolean(1 + Rows.TASK_COLUMNS.size())));
      }
    }
  }

  boolean delete(Connection c, long id) throws SQLException {
    return Jdbc.changed(c, delete, id);
  }

  private String updateSql(TaskUpdate update) {
    int mask = mask(update);
    String sql = updates.get(mask);
    if (sql == null) {
      List<Field<?>> binds = new ArrayList<>();
      Map<Field<?>, Field<?>> values = setValues(update, binds);
      binds.add(TASK.ID);
      sql = render(render.update(TASK).set(values).where(TASK.ID.eq(param(TASK.ID))).returning(Rows.TASK_COLUMNS),
          binds);
      updates.set(mask, sql);
    }
    return sql;
  }

  /**
   * {@code WITH updated AS (UPDATE task SET … WHERE id = ? AND version = ? RETURNING …) SELECT …, true FROM
   * updated UNION ALL SELECT …, false FROM task WHERE id = ? AND NOT EXISTS (SELECT 1 FROM updated)}: the
   * updated row, else the row as it is (a stale version), else nothing (no such task). The trigger of schema V2
   * raises the version; the statement only checks it.
   */
  private String versionedUpdateSql(TaskUpdate update) {
    int mask = mask(update);
    String sql = versionedUpdates.get(mask);
    if (sql == null) {
      List<Field<?>> binds = new ArrayList<>();
      Map<Field<?>, Field<?>> values = setValues(update, binds);
      binds.add(TASK.ID);
      CommonTableExpression<Record> updated = DSL.name("updated").as(render.update(TASK).set(values)
          .where(TASK.ID.eq(param(TASK.ID))).and(TASK.VERSION.eq(EXPECTED_VERSION))
          .returningResult(Rows.TASK_COLUMNS));
      Query query = render.with(updated)
          .select(fieldsOf(updated, Rows.TASK_COLUMNS, true)).from(updated)
          .unionAll(DSL.select(fieldsOf(null, Rows.TASK_COLUMNS, false)).from(TASK).where(TASK.ID.eq(CURRENT_ID))
              .andNotExists(DSL.selectOne().from(updated)));
      sql = render(query, binds, EXPECTED_VERSION, CURRENT_ID);
      versionedUpdates.set(mask, sql);
    }
    return sql;
  }

  private static int mask(TaskUpdate update) {
    int mask = 0;
    for (TaskUpdate.Field f : update.fields()) {
      mask |= 1 << f.ordinal();
    }
    return mask;
  }

  /** The SET list of an update, in field declaration order; adds its columns to {@code binds}. */
  private static Map<Field<?>, Field<?>> setValues(TaskUpdate update, List<Field<?>> binds) {
    Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
    for (TaskUpdate.Field f : update.fields()) {
      Field<?> column = TaskColumns.of(f).field();
      values.put(column, param(column));
      binds.add(column);
    }
    return values;
  }

  /** {@code columns} (of {@code cte}, when given, else of the table) and a boolean literal after them. */
  private static List<SelectField<?>> fieldsOf(Table<?> cte, List<Field<?>> columns, boolean flag) {
    List<SelectField<?>> fields = new ArrayList<>(columns.size() + 1);
    for (Field<?> column : columns) {
      fields.add(cte == null ? column : cte.field(column));
    }
    fields.add(DSL.inline(flag));
    return fields;
  }

  /**
   * {@code WITH inserted AS (INSERT … ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
   * RETURNING …) SELECT …, true FROM inserted UNION ALL SELECT …, false FROM task WHERE idempotency_key = ? AND
   * NOT EXISTS (SELECT 1 FROM inserted)}, as {@code UserSql}'s get-or-create: the row inserted, else the row
   * with the key, each with its stored fingerprint.
   */
  private Query insertKeyedQuery() {
    List<Field<?>> returned = new ArrayList<>(Rows.TASK_COLUMNS);
    returned.add(TASK.IDEMPOTENCY_FINGERPRINT);
    CommonTableExpression<Record> inserted = DSL.name("inserted").as(render.insertInto(TASK).set(insertValues())
        .onConflict(TASK.IDEMPOTENCY_KEY).where(TASK.IDEMPOTENCY_KEY.isNotNull()).doNothing()
        .returningResult(returned));
    return render.with(inserted)
        .select(fieldsOf(inserted, returned, true)).from(inserted)
        .unionAll(DSL.select(fieldsOf(null, returned, false)).from(TASK).where(TASK.IDEMPOTENCY_KEY.eq(EXISTING_KEY))
            .andNotExists(DSL.selectOne().from(inserted)));
  }

  private Query insertQuery() {
    return render.insertInto(TASK).set(insertValues()).returning(Rows.TASK_COLUMNS);
  }

  /** The VALUES of an insert: a marker per {@link TaskColumns#INSERTED} column, in its order. */
  private static Map<Field<?>, Field<?>> insertValues() {
    Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
    for (Field<?> column : TaskColumns.INSERTED_FIELDS) {
      values.put(column, param(column));
    }
    return values;
  }

  // Markers that name a column's value a second time in one statement need names of their own.
  private static final Param<String> EXISTING_KEY = RenderedSql.param("existing_key", TASK.IDEMPOTENCY_KEY);
  private static final Param<Long> EXPECTED_VERSION = RenderedSql.param("expected_version", TASK.VERSION);
  private static final Param<Long> CURRENT_ID = RenderedSql.param("current_id", TASK.ID);

  /** A bind marker named after its column, typed like it. */
  private static <T> Field<T> param(Field<T> column) {
    return RenderedSql.param(column.getName(), column);
  }

  /**
   * The query's SQL; fails unless its markers come in the order the code above binds them: those named after
   * {@code columns}, then {@code named} (markers with names of their own).
   */
  private String render(Query query, List<Field<?>> columns, Param<?>... named) {
    List<String> names = new ArrayList<>(columns.stream().map(Field::getName).toList());
    for (Param<?> p : named) {
      names.add(p.getParamName());
    }
    return RenderedSql.render(render, query, names);
  }
}
