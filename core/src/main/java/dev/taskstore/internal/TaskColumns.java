package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;

import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskUpdate;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
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
   * One writable column.
   *
   * @param field the generated column
   * @param bind how its value is bound
   * @param inserted its value in a new task
   * @param updated its value in an update that sets it; null for a column no {@link TaskUpdate.Field} sets
   * @param <T> the Java type of its value (before binding)
   */
  record Column<T>(Field<?> field, Bind<T> bind, Function<TaskBase, T> inserted, Function<TaskUpdate, T> updated) {

    void bindInserted(PreparedStatement ps, int index, TaskBase task) throws SQLException {
      bind.bind(ps, index, inserted.apply(task));
    }

    void bindUpdated(PreparedStatement ps, int index, TaskUpdate update) throws SQLException {
      bind.bind(ps, index, updated.apply(update));
    }
  }

  private static final Bind<String> TEXT = PreparedStatement::setString;
  private static final Bind<Boolean> BOOLEAN = PreparedStatement::setBoolean;
  private static final Bind<byte[]> BYTES = PreparedStatement::setBytes;
  private static final Bind<Priority> PRIORITY_TEXT = (ps, i, p) -> ps.setString(i, p.dbValue());
  private static final Bind<Long> ID = (ps, i, id) -> {
    if (id == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, id);
    }
  };
  private static final Bind<Instant> TIMESTAMP = (ps, i, t) -> {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, t.atOffset(ZoneOffset.UTC));
    }
  };

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
