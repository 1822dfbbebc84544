package dev.taskstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.FoundOrCreated;
import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskWithUser;
import dev.taskstore.UserRead;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The baseline: the fastest plain pgjdbc code we can write for each operation, over HikariCP with the same pool
 * size and driver settings as taskstore, returning the same records taskstore returns. Hand-written SQL,
 * prepared statements, columns read by index, nothing validated.
 */
final class JdbcTasks implements AutoCloseable {

  private static final String COLUMNS =
      "id, title, description, priority, completed, due_date, created_at, user_id, updated_at, version";
  private static final String INSERT = "INSERT INTO task (title, description, priority, completed, due_date, user_id) "
      + "VALUES (?, ?, ?, ?, ?, ?) RETURNING id, created_at";
  private static final String FIND = "SELECT " + COLUMNS + " FROM task WHERE id = ?";
  private static final String FIND_WITH_USER = "SELECT t.id, t.title, t.description, t.priority, t.completed, "
      + "t.due_date, t.created_at, t.user_id, t.updated_at, t.version, u.id, u.email, u.created_at "
      + "FROM task t LEFT JOIN \"user\" u ON u.id = t.user_id WHERE t.id = ?";
  private static final String COUNT_COMPLETED = "SELECT count(*) FROM task WHERE completed";
  private static final String UPDATE_TITLE = "UPDATE task SET title = ? WHERE id = ? RETURNING " + COLUMNS;
  private static final String DELETE = "DELETE FROM task WHERE id = ?";
  private static final String GET_OR_CREATE_USER = "WITH inserted AS (INSERT INTO \"user\" (email) VALUES (?) "
      + "ON CONFLICT (lower(email)) DO NOTHING RETURNING id, email, created_at) "
      + "SELECT id, email, created_at, true FROM inserted UNION ALL "
      + "SELECT id, email, created_at, false FROM \"user\" WHERE lower(email) = lower(?) "
      + "AND NOT EXISTS (SELECT 1 FROM inserted)";
  private static final String PAGE = "SELECT " + COLUMNS + " FROM task WHERE id > ? ORDER BY id LIMIT ?";
  /** What a task's words are: the GIN index's expression (V3__task_search.sql), or the index cannot serve. */
  private static final String DOCUMENT = "(setweight(to_tsvector('simple'::regconfig, title), 'A')"
      + " || setweight(to_tsvector('simple'::regconfig, coalesce(description, '')), 'B'))";
  /** A full-text search page by relevance, written by hand; the rank is read for the next page's position. */
  private static final String SEARCH = "SELECT " + COLUMNS + ", ts_rank(" + DOCUMENT
      + ", websearch_to_tsquery('simple'::regconfig, ?)) AS rank FROM task WHERE " + DOCUMENT
      + " @@ websearch_to_tsquery('simple'::regconfig, ?) ORDER BY rank DESC, id DESC LIMIT ?";
  private static final int MULTI_ROW_CHUNK = 1000;

  private final HikariDataSource pool;

  JdbcTasks(String url, int poolSize) {
    this.pool = pool("jdbc-baseline", url, poolSize);
  }

  /**
   * The pool every system but taskstore runs on (taskstore's own pool has the same size and driver settings):
   * HikariCP with a fixed size, autocommit, and {@code reWriteBatchedInserts}.
   */
  static HikariDataSource pool(String name, String url, int poolSize) {
    HikariConfig h = new HikariConfig();
    h.setPoolName(name);
    h.setJdbcUrl(url);
    h.setMinimumIdle(poolSize);
    h.setMaximumPoolSize(poolSize);
    h.setAutoCommit(true);
    h.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(h);
  }

  TaskRead insert(String title, long userId) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(INSERT)) {
      p.setString(1, title);
      p.setNull(2, Types.VARCHAR);
      p.setString(3, "medium");
      p.setBoolean(4, false);
      p.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
      p.setLong(6, userId);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        // A new row: updated_at is created_at and the version 1 (the schema's defaults).
        Instant created = rs.getObject(2, OffsetDateTime.class).toInstant();
        return new TaskRead(rs.getLong(1), title, Optional.empty(), Priority.MEDIUM, false, Optional.empty(),
            created, Optional.of(userId), created, 1);
      }
    }
  }

  /** The user with this email, created when there is none (one statement; a lost race reads once more). */
  FoundOrCreated<UserRead> getOrCreateUser(String email) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(GET_OR_CREATE_USER)) {
      for (int attempt = 0; attempt < 3; attempt++) {
        p.setString(1, email);
        p.setString(2, email);
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next()) {
            return new FoundOrCreated<>(new UserRead(rs.getLong(1), rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant()), rs.getBoolean(4));
          }
        }
      }
      throw new SQLException("created and deleted three times in a row");
    }
  }

  Optional<TaskRead> findById(long id) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(FIND)) {
      p.setLong(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(task(rs, 0)) : Optional.empty();
      }
    }
  }

  Optional<TaskWithUser> findWithUser(long id) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(FIND_WITH_USER)) {
      p.setLong(1, id);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long userId = rs.getLong(11);
        Optional<UserRead> user = rs.wasNull() ? Optional.empty()
            : Optional.of(new UserRead(userId, rs.getString(12), instant(rs, 13)));
        return Optional.of(new TaskWithUser(task(rs, 0), user));
      }
    }
  }

  long countCompleted() throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(COUNT_COMPLETED);
         ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  TaskRead updateTitle(long id, String title) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(UPDATE_TITLE)) {
      p.setString(1, title);
      p.setLong(2, id);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no task " + id);
        }
        return task(rs, 0);
      }
    }
  }

  boolean delete(long id) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(DELETE)) {
      p.setLong(1, id);
      return p.executeUpdate() > 0;
    }
  }

  /** A page of tasks after {@code afterId}, by id; {@link KeysetPage#nextAfterId()} is -1 on the last page. */
  KeysetPage page(long afterId, int limit) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(PAGE)) {
      p.setLong(1, afterId);
      p.setInt(2, limit + 1);
      List<TaskRead> items = new ArrayList<>(limit);
      boolean more = false;
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          if (items.size() == limit) {
            more = true;
            break;
          }
          items.add(task(rs, 0));
        }
      }
      return new KeysetPage(items, more ? items.get(items.size() - 1).id() : -1);
    }
  }

  /** One page and where the next starts. */
  record KeysetPage(List<TaskRead> items, long nextAfterId) {}

  /**
   * The first page of a full-text search, best match first; {@link SearchPage#lastRank()} and
   * {@link SearchPage#lastId()} are where the next page would start (-1 when there is none).
   */
  SearchPage search(String terms, int limit) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(SEARCH)) {
      p.setString(1, terms);
      p.setString(2, terms);
      p.setInt(3, limit + 1);
      List<TaskRead> items = new ArrayList<>();
      float lastRank = -1;
      boolean more = false;
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          if (items.size() == limit) {
            more = true;
            break;
          }
          items.add(task(rs, 0));
          lastRank = rs.getFloat("rank");
        }
      }
      return more ? new SearchPage(items, lastRank, items.get(items.size() - 1).id()) : new SearchPage(items, -1, -1);
    }
  }

  /** A search page and the position of its last row. */
  record SearchPage(List<TaskRead> items, float lastRank, long lastId) {}

  /**
   * Bulk insert as multi-row {@code INSERT ... VALUES (...), (...) RETURNING id} statements of 1,000 rows in
   * one transaction: ids come back in input order.
   */
  List<Long> insertAllMultiRow(List<TaskBase> tasks) throws SQLException {
    return inOneTransaction(tasks.size(), (c, ids) -> {
      String full = multiRowInsert(MULTI_ROW_CHUNK);
      for (int from = 0; from < tasks.size(); from += MULTI_ROW_CHUNK) {
        int n = Math.min(MULTI_ROW_CHUNK, tasks.size() - from);
        try (PreparedStatement p = c.prepareStatement(n == MULTI_ROW_CHUNK ? full : multiRowInsert(n))) {
          int i = 1;
          for (TaskBase t : tasks.subList(from, from + n)) {
            p.setString(i++, t.title());
            p.setString(i++, t.description().orElse(null));
            p.setString(i++, t.priority().dbValue());
            p.setBoolean(i++, t.completed());
            p.setObject(i++, t.dueDate().map(d -> d.atOffset(ZoneOffset.UTC)).orElse(null),
                Types.TIMESTAMP_WITH_TIMEZONE);
            if (t.userId().isPresent()) {
              p.setLong(i++, t.userId().get());
            } else {
              p.setNull(i++, Types.BIGINT);
            }
          }
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
        }
      }
    });
  }

  /**
   * Bulk insert with COPY: the ids are taken from the identity sequence first ({@code nextval} over
   * {@code generate_series}), then the rows, ids included, are streamed in PostgreSQL's text format, all in one
   * transaction.
   */
  List<Long> insertAllCopy(List<TaskBase> tasks) throws SQLException {
    return inOneTransaction(tasks.size(), (c, ids) -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT nextval(pg_get_serial_sequence('task', 'id')) FROM generate_series(1, ?)")) {
        p.setInt(1, tasks.size());
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
          "COPY task (id, title, description, priority, completed, due_date, user_id) FROM STDIN");
      try {
        StringBuilder sb = new StringBuilder(64 * 1024);
        for (int i = 0; i < tasks.size(); i++) {
          TaskBase t = tasks.get(i);
          sb.append(ids.get(i)).append('\t');
          copyText(sb, t.title()).append('\t');
          if (t.description().isPresent()) {
            copyText(sb, t.description().get());
          } else {
            sb.append("\\N");
          }
          sb.append('\t').append(t.priority().dbValue()).append('\t').append(t.completed() ? 't' : 'f').append('\t');
          if (t.dueDate().isPresent()) {
            sb.append(DateTimeFormatter.ISO_INSTANT.format(t.dueDate().get()));
          } else {
            sb.append("\\N");
          }
          sb.append('\t');
          if (t.userId().isPresent()) {
            sb.append(t.userId().get().longValue());
          } else {
            sb.append("\\N");
          }
          sb.append('\n');
          if (sb.length() > 60 * 1024) {
            write(copy, sb);
          }
        }
        write(copy, sb);
        copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    });
  }

  /** Work on one connection that appends the new ids. */
  @FunctionalInterface
  private interface InsertWork {
    void run(Connection c, List<Long> ids) throws SQLException;
  }

  /** Runs {@code work} in one transaction: commit when it returns, rollback when it throws. */
  private List<Long> inOneTransaction(int expected, InsertWork work) throws SQLException {
    List<Long> ids = new ArrayList<>(expected);
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c, ids);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return ids;
  }

  /**
   * Not a client at all: the server inserts {@code rows} rows like {@link Fixtures.BulkRows}'s from
   * {@code generate_series} in one statement. No client can insert faster than this.
   */
  int insertServerSide(int rows) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(
        "INSERT INTO task (title, description, priority, completed, due_date, user_id) "
            + "SELECT 'Bulk task ' || g, CASE WHEN g % 2 = 0 THEN 'Imported description ' || g END, "
            + "(ARRAY['low', 'medium', 'high'])[1 + g % 3], g % 2 = 0, "
            + "CASE WHEN g % 4 = 0 THEN NULL ELSE timestamptz '2030-06-01 12:00Z' + g * interval '1 second' END, "
            + "1 + g % 1000 FROM generate_series(0, ? - 1) g")) {
      p.setInt(1, rows);
      return p.executeUpdate();
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A connection from the baseline's pool, for fixtures. */
  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  private static void write(CopyIn copy, StringBuilder sb) throws SQLException {
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    sb.setLength(0);
  }

  /** Text in COPY's text format: backslash, tab, newline and carriage return escaped. */
  private static StringBuilder copyText(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(ch);
      }
    }
    return sb;
  }

  private static String multiRowInsert(int rows) {
    StringBuilder sb = new StringBuilder("INSERT INTO task (title, description, priority, completed, due_date, user_id) VALUES ");
    for (int i = 0; i < rows; i++) {
      sb.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
    }
    return sb.append(" RETURNING id").toString();
  }

  private static TaskRead task(ResultSet rs, int offset) throws SQLException {
    long id = rs.getLong(offset + 1);
    String title = rs.getString(offset + 2);
    String description = rs.getString(offset + 3);
    Priority priority = priority(rs.getString(offset + 4));
    boolean completed = rs.getBoolean(offset + 5);
    Instant due = instant(rs, offset + 6);
    Instant created = instant(rs, offset + 7);
    long userId = rs.getLong(offset + 8);
    Optional<Long> user = rs.wasNull() ? Optional.empty() : Optional.of(userId);
    Instant updated = instant(rs, offset + 9);
    long version = rs.getLong(offset + 10);
    return new TaskRead(id, title, Optional.ofNullable(description), priority, completed, Optional.ofNullable(due),
        created, user, updated, version);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Priority priority(String value) {
    return switch (value) {
      case "low" -> Priority.LOW;
      case "medium" -> Priority.MEDIUM;
      case "high" -> Priority.HIGH;
      default -> throw new IllegalStateException("unknown priority " + value);
    };
  }
}
