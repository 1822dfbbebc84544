package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.FoundOrCreated;
import dev.taskstore.UserRead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * The user statements that run on plain JDBC with SQL jOOQ renders once per schema, as {@link TaskSql}'s do:
 * get-or-create, whose statement (a CTE with {@code ON CONFLICT} and a {@code UNION ALL}) cost a call on jOOQ's
 * DSL several times a plain statement's client CPU. Not public API.
 */
final class UserSql {

  private final String getOrCreate;

  /** Renders with {@code render}, which maps the tables to one store's schema. */
  UserSql(DSLContext render) {
    Field<String> inserted = DSL.param("inserted", USER.EMAIL);
    Field<String> looked = DSL.param("looked", USER.EMAIL);
    CommonTableExpression<Record3<Long, String, OffsetDateTime>> insert = DSL.name("inserted").as(
        render.insertInto(USER, USER.EMAIL).values(inserted)
            .onConflict(DSL.lower(USER.EMAIL)).doNothing()
            .returningResult(USER.ID, USER.EMAIL, USER.CREATED_AT));
    Query query = render.with(insert)
        .select(insert.field(USER.ID), insert.field(USER.EMAIL), insert.field(USER.CREATED_AT), DSL.inline(true))
        .from(insert)
        .unionAll(DSL.select(USER.ID, USER.EMAIL, USER.CREATED_AT, DSL.inline(false))
            .from(USER)
            .where(DSL.lower(USER.EMAIL).eq(DSL.lower(looked)))
            .andNotExists(DSL.selectOne().from(insert)));
    // The markers in order; inline values (the true and false above) are jOOQ params too, but render no marker.
    List<String> markers = query.getParams().entrySet().stream().filter(e -> !e.getValue().isInline())
        .map(Map.Entry::getKey).toList();
    if (!markers.equals(List.of("inserted", "looked"))) {
      throw new IllegalStateException("jOOQ rendered the bind values as " + markers + ": " + query.getSQL());
    }
    this.getOrCreate = render.render(query);
  }

  /**
   * One attempt: the user with this email, inserted when there is none; null when a concurrent insert of the
   * same email committed while this statement waited for it (its snapshot then sees neither row).
   */
  FoundOrCreated<UserRead> getOrCreate(Connection c, String email) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(getOrCreate)) {
      ps.setString(1, email);
      ps.setString(2, email);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new FoundOrCreated<>(new UserRead(rs.getLong(1), rs.getString(2),
            Rows.instant(rs.getObject(3, OffsetDateTime.class))), rs.getBoolean(4));
      }
    }
  }
}
