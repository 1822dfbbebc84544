package dev.taskstore.internal;

import static dev.taskstore.internal.RenderedSql.param;
import static dev.taskstore.internal.jooq.Tables.TASK;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.FoundOrCreated;
import dev.taskstore.UserRead;
import dev.taskstore.UserWithTasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * The user statements, with SQL that jOOQ renders once per schema and that runs on plain JDBC, as
 * {@link TaskSql}'s do. Not public API.
 */
final class UserSql implements ByIdSql<UserRead> {

  private final String create;
  private final String findById;
  private final String findByEmail;
  private final String delete;
  private final String withTasks;
  private final String getOrCreate;

  /** Renders with {@code render}, which maps the tables to one store's schema. */
  UserSql(DSLContext render) {
    Field<Long> id = param("id", USER.ID);
    Field<String> email = param("email", USER.EMAIL);
    this.create = RenderedSql.render(render, render.insertInto(USER).set(USER.EMAIL, email)
        .returning(Rows.USER_COLUMNS), List.of("email"));
    this.findById = RenderedSql.render(render, render.select(Rows.USER_COLUMNS).from(USER).where(USER.ID.eq(id)),
        List.of("id"));
    // lower(email) = lower(?) uses the unique index user_email_key.
    this.findByEmail = RenderedSql.render(render, render.select(Rows.USER_COLUMNS).from(USER)
        .where(DSL.lower(USER.EMAIL).eq(DSL.lower(email))), List.of("email"));
    this.delete = RenderedSql.render(render, render.deleteFrom(USER).where(USER.ID.eq(id)), List.of("id"));
    this.withTasks = RenderedSql.render(render, render.select(Rows.USER_COLUMNS).select(Rows.TASK_COLUMNS)
        .from(USER).leftJoin(TASK).on(TASK.USER_ID.eq(USER.ID))
        .where(USER.ID.eq(id))
        .orderBy(TASK.ID), List.of("id"));
    this.getOrCreate = RenderedSql.render(render, getOrCreateQuery(render), List.of("inserted", "looked"));
  }

  private static Query getOrCreateQuery(DSLContext render) {
    Field<String> inserted = param("inserted", USER.EMAIL);
    Field<String> looked = param("looked", USER.EMAIL);
    CommonTableExpression<Record3<Long, String, OffsetDateTime>> insert = DSL.name("inserted").as(
        render.insertInto(USER, USER.EMAIL).values(inserted)
            .onConflict(DSL.lower(USER.EMAIL)).doNothing()
            .returningResult(USER.ID, USER.EMAIL, USER.CREATED_AT));
    return render.with(insert)
        .select(insert.field(USER.ID), insert.field(USER.EMAIL), insert.field(USER.CREATED_AT), DSL.inline(true))
        .from(insert)
        .unionAll(DSL.select(USER.ID, USER.EMAIL, USER.CREATED_AT, DSL.inline(false))
            .from(USER)
            .where(DSL.lower(USER.EMAIL).eq(DSL.lower(looked)))
            .andNotExists(DSL.selectOne().from(insert)));
  }

  UserRead create(Connection c, String email) throws SQLException {
    return Jdbc.returned(c, create, ps -> ps.setString(1, email), Rows::user);
  }

  @Override
  public Optional<UserRead> findById(Connection c, long id) throws SQLException {
    return Jdbc.optional(c, findById, ps -> ps.setLong(1, id), Rows::user);
  }

  Optional<UserRead> findByEmail(Connection c, String email) throws SQLException {
    return Jdbc.optional(c, findByEmail, ps -> ps.setString(1, email), Rows::user);
  }

  @Override
  public boolean delete(Connection c, long id) throws SQLException {
    return Jdbc.changed(c, delete, id);
  }

  /** The user and all their tasks by id, in one query (a left join); empty when there is no such user. */
  Optional<UserWithTasks> withTasks(Connection c, long id) throws SQLException {
    return Jdbc.withChildren(c, withTasks, id, Rows::user, 1 + Rows.USER_COLUMNS.size(), Rows::task,
        UserWithTasks::new);
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
        return new FoundOrCreated<>(Rows.user(rs, 1), rs.getBoolean(4));
      }
    }
  }
}
