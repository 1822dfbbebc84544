package dev.taskstore.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.TaskBase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.JoinRow;
import org.jdbi.v3.core.mapper.JoinRowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A peer: JDBI 3's core API used the way its developer guide shows ({@code withHandle}, named parameters,
 * {@code mapTo} with records mapped by {@link ConstructorMapper}, {@link JoinRowMapper} for the join,
 * {@link PreparedBatch} for the bulk insert), on a HikariCP pool of the baseline's size and settings. The SQL is
 * the baseline's.
 */
final class JdbiTasks implements AutoCloseable {

  /** A task row as JDBI maps it: columns to record components by name ({@code due_date} → {@code dueDate}). */
  record Task(long id, String title, String description, String priority, boolean completed, Instant dueDate,
      Instant createdAt, Long userId, Instant updatedAt, long version) {}

  /** A user row, columns prefixed {@code u_} in the join. */
  record User(Long id, String email, Instant createdAt) {}

  /** The baseline's 10 columns (updated_at and version came with V2), so every system reads the same row. */
  private static final String COLUMNS =
      "id, title, description, priority, completed, due_date, created_at, user_id, updated_at, version";

  private final HikariDataSource pool;
  private final Jdbi jdbi;

  JdbiTasks(String url, int poolSize) {
    this.pool = JdbcTasks.pool("jdbi-peer", url, poolSize);
    this.jdbi = Jdbi.create(pool);
    jdbi.registerRowMapper(ConstructorMapper.factory(Task.class));
    jdbi.registerRowMapper(ConstructorMapper.factory(User.class, "u_"));
  }

  Task insert(String title, long userId) {
    return jdbi.withHandle(h -> h.createUpdate(
            "INSERT INTO task (title, priority, completed, user_id) VALUES (:title, 'medium', false, :userId)")
        .bind("title", title)
        .bind("userId", userId)
        .executeAndReturnGeneratedKeys(COLUMNS.split(", "))
        .mapTo(Task.class)
        .one());
  }

  Optional<Task> findById(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM task WHERE id = :id")
        .bind("id", id)
        .mapTo(Task.class)
        .findOne());
  }

  /** The task and its user (all nulls when it has none), in one query. */
  Optional<JoinRow> findWithUser(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT t.id, t.title, t.description, t.priority, t.completed, "
            + "t.due_date, t.created_at, t.user_id, t.updated_at, t.version, u.id AS u_id, u.email AS u_email, u.created_at AS u_created_at "
            + "FROM task t LEFT JOIN \"user\" u ON u.id = t.user_id WHERE t.id = :id")
        .bind("id", id)
        .map(JoinRowMapper.forTypes(Task.class, User.class))
        .findOne());
  }

  long countCompleted() {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM task WHERE completed")
        .mapTo(Long.class)
        .one());
  }

  Task updateTitle(long id, String title) {
    return jdbi.withHandle(h -> h.createQuery("UPDATE task SET title = :title WHERE id = :id RETURNING " + COLUMNS)
        .bind("title", title)
        .bind("id", id)
        .mapTo(Task.class)
        .one());
  }

  boolean delete(long id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM task WHERE id = :id").bind("id", id).execute() > 0);
  }

  List<Task> page(long afterId, int limit) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM task WHERE id > :after ORDER BY id LIMIT :limit")
        .bind("after", afterId)
        .bind("limit", limit)
        .mapTo(Task.class)
        .list());
  }

  /** All tasks in one transaction through one {@link PreparedBatch}, generated ids back in input order. */
  List<Long> insertAll(List<TaskBase> tasks) {
    return jdbi.inTransaction(h -> {
      PreparedBatch batch = h.prepareBatch("INSERT INTO task (title, description, priority, completed, due_date, "
          + "user_id) VALUES (:title, :description, :priority, :completed, :dueDate, :userId)");
      for (TaskBase t : tasks) {
        batch.bind("title", t.title())
            .bind("description", t.description().orElse(null))
            .bind("priority", t.priority().dbValue())
            .bind("completed", t.completed())
            .bindByType("dueDate", t.dueDate().map(d -> d.atOffset(ZoneOffset.UTC)).orElse(null),
                OffsetDateTime.class)
            .bind("userId", t.userId().orElse(null))
            .add();
      }
      return batch.executePreparedBatch("id").mapTo(Long.class).list();
    });
  }

  @Override
  public void close() {
    pool.close();
  }
}
