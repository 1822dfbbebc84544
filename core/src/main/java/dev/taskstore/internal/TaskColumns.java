package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;

import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskUpdate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jooq.Field;

/**
 * The task columns a caller writes, each declared once: its generated jOOQ field, the {@link TaskUpdate.Field}
 * that sets it, how its value is bound on JDBC, and where the value comes from in a {@link TaskBase} (insert,
 * bulk insert) and in a {@link TaskUpdate}. The insert, bulk-insert and update statements and their binders all
 * come from this list, in its order. A new column is one entry here; a new {@link TaskUpdate.Field} fails to
 * compile until {@link #of(TaskUpdate.Field)} names its column. Not public API.
 */
final class TaskColumns {

  /** Binds one value of a column's Java type. */
  @FunctionalInterface
  interface Bind<T> {
    void bind(PreparedStatement ps, int index, T value) throws SQLException;
  }

  /**
   * How a column's values are bound: one value ({@link #bind}), or the values of many rows as one array
   * parameter (the bulk insert's {@code unnest}): the driver's name of the array's element type, the Java array
   * the driver encodes, and a value as its element.
   *
   * @param bind binds one value
   * @param arrayElementType the element type's name for {@link java.sql.Connection#createArrayOf}
   * @param newArray a Java array of the type the driver encodes for that element type
   * @param element a value as an element of that array (null for SQL NULL)
   * @param <T> the Java type of a value
   */
  record Binding<T>(Bind<T> bind, String arrayElementType, IntFunction<Object[]> newArray,
      Function<T, Object> element) {}

  /**
   * One writable column.
   *
   * @param field the generated column
   * @param binding how its values are bound
   * @param inserted its value in a new task
   * @param updated its value in an update that sets it; null for a column no {@link TaskUpdate.Field} sets
   * @param <T> the Java type of its value (before binding)
   */
  record Column<T>(Field<?> field, Binding<T> binding, Function<TaskBase, T> inserted,
      Function<TaskUpdate, T> updated) {

    void bindInserted(PreparedStatement ps, int index, TaskBase task) throws SQLException {
      binding.bind().bind(ps, index, inserted.apply(task));
    }

    void bindUpdated(PreparedStatement ps, int index, TaskUpdate update) throws SQLException {
      binding.bind().bind(ps, index, updated.apply(update));
    }

    /** The column's values of these tasks, in order, as one array parameter. */
    java.sql.Array insertedArray(Connection c, List<TaskBase> tasks) throws SQLException {
      Object[] values = binding.newArray().apply(tasks.size());
      for (int i = 0; i < values.length; i++) {
        T value = inserted.apply(tasks.get(i));
        values[i] = value == null ? null : binding.element().apply(value);
      }
      return c.createArrayOf(binding.arrayElementType(), values);
    }
  }

  private static final Binding<String> TEXT = new Binding<>(PreparedStatement::setString, "text", String[]::new,
      v -> v);
  private static final Binding<Boolean> BOOLEAN = new Binding<>(PreparedStatement::setBoolean, "bool",
      Boolean[]::new, v -> v);
  // byte[][]: pgjdbc encodes a bytea array only from that Java type.
  private static final Binding<byte[]> BYTES = new Binding<>(PreparedStatement::setBytes, "bytea", byte[][]::new,
      v -> v);
  private static final Binding<Priority> PRIORITY_TEXT = new Binding<>((ps, i, p) -> ps.setString(i, p.dbValue()),
      "text", String[]::new, Priority::dbValue);
  private static final Binding<Long> ID = new Binding<>((ps, i, id) -> {
    if (id == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, id);
    }
  }, "int8", Long[]::new, v -> v);
  // In an array, an instant travels as its ISO-8601 text (UTC): pgjdbc encodes no array of java.time values,
  // and PostgreSQL reads that text as timestamptz exactly.
  private static final Binding<Instant> TIMESTAMP = new Binding<>((ps, i, t) -> {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, t.atOffset(ZoneOffset.UTC));
    }
  }, "timestamptz", String[]::new, DateTimeFormatter.ISO_INSTANT::format);

  static final Column<String> TITLE = new Column<>(TASK.TITLE, TEXT, TaskBase::title,
      u -> u.title().orElseThrow());
  static final Column<String> DESCRIPTION = new Column<>(TASK.DESCRIPTION, TEXT,
      t -> t.description().orElse(null), u -> u.description().orElse(null));
  static final Column<Priority> PRIORITY = new Column<>(TASK.PRIORITY, PRIORITY_TEXT, TaskBase::priority,
      u -> u.priority().orElseThrow());
  static final Column<Boolean> COMPLETED = new Column<>(TASK.COMPLETED, BOOLEAN, TaskBase::completed,
      u -> u.completed().orElseThrow());
  static final Column<Instant> DUE_DATE = new Column<>(TASK.DUE_DATE, TIMESTAMP, t -> t.dueDate().orElse(null),
      u -> u.dueDate().orElse(null));
  static final Column<Long> USER_ID = new Column<>(TASK.USER_ID, ID, t -> t.userId().orElse(null),
      u -> u.userId().orElse(null));
  // Written on insert only; null without a key (the partial unique index then skips the row).
  static final Column<String> IDEMPOTENCY_KEY = new Column<>(TASK.IDEMPOTENCY_KEY, TEXT,
      t -> t.idempotencyKey().orElse(null), null);
  static final Column<byte[]> IDEMPOTENCY_FINGERPRINT = new Column<>(TASK.IDEMPOTENCY_FINGERPRINT, BYTES,
      IdempotencyFingerprint::of, null);

  /**
   * The columns an insert writes, in the order it binds them. Not here: id, created_at, updated_at and version,
   * which the database sets (defaults, and on update the trigger of schema V2).
   */
  static final List<Column<?>> INSERTED = List.of(TITLE, DESCRIPTION, PRIORITY, COMPLETED, DUE_DATE, USER_ID,
      IDEMPOTENCY_KEY, IDEMPOTENCY_FINGERPRINT);

  /** Their fields, in that order. */
  static final List<Field<?>> INSERTED_FIELDS = INSERTED.stream().<Field<?>>map(Column::field).toList();

  private TaskColumns() {}

  /** The column an update field sets. */
  static Column<?> of(TaskUpdate.Field f) {
    return switch (f) {
      case TITLE -> TITLE;
      case DESCRIPTION -> DESCRIPTION;
      case PRIORITY -> PRIORITY;
      case COMPLETED -> COMPLETED;
      case DUE_DATE -> DUE_DATE;
      case USER_ID -> USER_ID;
    };
  }

  /** Binds a new task's values from {@code index} on, in {@link #INSERTED} order; returns the next index. */
  static int bindInserted(PreparedStatement ps, int index, TaskBase task) throws SQLException {
    int i = index;
    for (Column<?> column : INSERTED) {
      column.bindInserted(ps, i++, task);
    }
    return i;
  }
}
