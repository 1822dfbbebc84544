package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;

import dev.taskstore.TaskBase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** EXPERIMENT: two bulk insert strategies, to measure. */
final class TaskBulkInsert {

  static final int CHUNK = 1000;
  private static final DSLContext RENDER = DSL.using(SQLDialect.POSTGRES, Database.jooqSettings());
  private static final List<Field<?>> COLUMNS = List.of(TASK.TITLE, TASK.DESCRIPTION, TASK.PRIORITY,
      TASK.COMPLETED, TASK.DUE_DATE, TASK.USER_ID);
  private static volatile String fullChunk;

  static final boolean COPY = Boolean.getBoolean("taskstore.copy");

  private TaskBulkInsert() {}

  static List<Long> multiRow(Connection c, List<TaskBase> tasks) throws SQLException {
    List<Long> ids = new ArrayList<>(tasks.size());
    for (int from = 0; from < tasks.size(); from += CHUNK) {
      int n = Math.min(CHUNK, tasks.size() - from);
      try (PreparedStatement ps = c.prepareStatement(sql(n))) {
        int i = 1;
        for (TaskBase t : tasks.subList(from, from + n)) {
          ps.setString(i++, t.title());
          ps.setString(i++, t.description().orElse(null));
          ps.setString(i++, t.priority().dbValue());
          ps.setBoolean(i++, t.completed());
          if (t.dueDate().isPresent()) {
            ps.setObject(i++, t.dueDate().get().atOffset(ZoneOffset.UTC));
          } else {
            ps.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
          }
          if (t.userId().isPresent()) {
            ps.setLong(i++, t.userId().get());
          } else {
            ps.setNull(i++, Types.BIGINT);
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
    }
    return ids;
  }

  private static String sql(int rows) {
    if (rows == CHUNK) {
      String s = fullChunk;
      if (s == null) {
        s = render(rows);
        fullChunk = s;
      }
      return s;
    }
    return render(rows);
  }

  private static String render(int rows) {
    InsertValuesStepN<?> insert = RENDER.insertInto(TASK, COLUMNS).values(params());
    for (int r = 1; r < rows; r++) {
      insert = insert.values(params());
    }
    return RENDER.render(insert.returningResult(TASK.ID));
  }

  private static List<Field<?>> params() {
    List<Field<?>> p = new ArrayList<>(COLUMNS.size());
    for (Field<?> column : COLUMNS) {
      p.add(DSL.param(column));
    }
    return p;
  }

  // ---- COPY
  private static final String NEXT_IDS = RENDER.render(RENDER.select(DSL.function("nextval", SQLDataType.BIGINT,
      DSL.function("pg_get_serial_sequence", SQLDataType.VARCHAR, DSL.inline(TASK.getName()),
          DSL.inline(TASK.ID.getName())))).from(DSL.generateSeries(DSL.inline(1), DSL.param("n", Integer.class))));
  private static final String COPY_SQL = "COPY " + RENDER.render(TASK) + " ("
      + String.join(", ", RENDER.render(TASK.ID.getUnqualifiedName()), RENDER.render(TASK.TITLE.getUnqualifiedName()),
      RENDER.render(TASK.DESCRIPTION.getUnqualifiedName()), RENDER.render(TASK.PRIORITY.getUnqualifiedName()),
      RENDER.render(TASK.COMPLETED.getUnqualifiedName()), RENDER.render(TASK.DUE_DATE.getUnqualifiedName()),
      RENDER.render(TASK.USER_ID.getUnqualifiedName())) + ") FROM STDIN";

  static List<Long> copy(Connection c, List<TaskBase> tasks) throws SQLException {
    List<Long> ids = new ArrayList<>(tasks.size());
    try (PreparedStatement ps = c.prepareStatement(NEXT_IDS)) {
      ps.setInt(1, tasks.size());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
    try {
      StringBuilder sb = new StringBuilder(64 * 1024);
      for (int i = 0; i < tasks.size(); i++) {
        TaskBase t = tasks.get(i);
        sb.append(ids.get(i).longValue()).append('\t');
        text(sb, t.title()).append('\t');
        if (t.description().isPresent()) {
          text(sb, t.description().get());
        } else {
          sb.append("\\N");
        }
        sb.append('\t').append(t.priority().dbValue()).append('\t').append(t.completed() ? 't' : 'f').append('\t');
        if (t.dueDate().isPresent()) {
          DateTimeFormatter.ISO_INSTANT.formatTo(t.dueDate().get(), sb);
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
        if (sb.length() >= 60 * 1024) {
          flush(copy, sb);
        }
      }
      flush(copy, sb);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    return ids;
  }

  private static void flush(CopyIn copy, StringBuilder sb) throws SQLException {
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    sb.setLength(0);
  }

  private static StringBuilder text(StringBuilder sb, String s) {
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
}
