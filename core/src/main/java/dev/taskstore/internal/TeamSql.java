package dev.taskstore.internal;

import static dev.taskstore.internal.RenderedSql.param;
import static dev.taskstore.internal.jooq.Tables.TEAM;
import static dev.taskstore.internal.jooq.Tables.TEAMUSERLINK;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.TeamRead;
import dev.taskstore.TeamWithMembers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * The team statements, with SQL that jOOQ renders once per schema and that runs on plain JDBC, as
 * {@link TaskSql}'s do. Not public API.
 */
final class TeamSql implements ByIdSql<TeamRead> {

  /** What {@link #addMember} found: whether the team and the user exist, and whether a link was inserted. */
  record AddedMember(boolean teamExists, boolean userExists, boolean added) {}

  private final String create;
  private final String findById;
  private final String delete;
  private final String addMember;
  private final String removeMember;
  private final String withMembers;
  private final String teamsOf;

  /** Renders with {@code render}, which maps the tables to one store's schema. */
  TeamSql(DSLContext render) {
    Field<Long> id = param("id", TEAM.ID);
    this.create = RenderedSql.render(render, render.insertInto(TEAM).set(TEAM.NAME, param("name", TEAM.NAME))
        .returning(Rows.TEAM_COLUMNS), List.of("name"));
    this.findById = RenderedSql.render(render, render.select(Rows.TEAM_COLUMNS).from(TEAM).where(TEAM.ID.eq(id)),
        List.of("id"));
    this.delete = RenderedSql.render(render, render.deleteFrom(TEAM).where(TEAM.ID.eq(id)), List.of("id"));
    this.addMember = RenderedSql.render(render, addMemberQuery(render),
        List.of("team", "user", "teamExists", "userExists"));
    this.removeMember = RenderedSql.render(render, render.deleteFrom(TEAMUSERLINK)
        .where(TEAMUSERLINK.TEAM_ID.eq(param("team", TEAMUSERLINK.TEAM_ID))
            .and(TEAMUSERLINK.USER_ID.eq(param("user", TEAMUSERLINK.USER_ID)))), List.of("team", "user"));
    this.withMembers = RenderedSql.render(render, render.select(Rows.TEAM_COLUMNS).select(Rows.USER_COLUMNS)
        .from(TEAM)
        .leftJoin(TEAMUSERLINK).on(TEAMUSERLINK.TEAM_ID.eq(TEAM.ID))
        .leftJoin(USER).on(USER.ID.eq(TEAMUSERLINK.USER_ID))
        .where(TEAM.ID.eq(id))
        .orderBy(USER.ID), List.of("id"));
    this.teamsOf = RenderedSql.render(render, render.select(USER.ID).select(Rows.TEAM_COLUMNS)
        .from(USER)
        .leftJoin(TEAMUSERLINK).on(TEAMUSERLINK.USER_ID.eq(USER.ID))
        .leftJoin(TEAM).on(TEAM.ID.eq(TEAMUSERLINK.TEAM_ID))
        .where(USER.ID.eq(param("user", USER.ID)))
        .orderBy(TEAM.ID), List.of("user"));
  }

  /**
   * Inserts the link only when both rows exist, and reports which exist: a missing team or user is then told
   * apart without a foreign-key error, which would abort the caller's transaction.
   */
  private static Query addMemberQuery(DSLContext render) {
    CommonTableExpression<Record1<Long>> inserted = DSL.name("inserted").as(
        render.insertInto(TEAMUSERLINK, TEAMUSERLINK.TEAM_ID, TEAMUSERLINK.USER_ID)
            .select(DSL.select(TEAM.ID, USER.ID).from(TEAM, USER)
                .where(TEAM.ID.eq(param("team", TEAM.ID)))
                .and(USER.ID.eq(param("user", USER.ID))))
            .onConflictDoNothing()
            .returningResult(TEAMUSERLINK.TEAM_ID));
    return render.with(inserted).select(
        DSL.field(DSL.exists(DSL.selectOne().from(TEAM).where(TEAM.ID.eq(param("teamExists", TEAM.ID))))),
        DSL.field(DSL.exists(DSL.selectOne().from(USER).where(USER.ID.eq(param("userExists", USER.ID))))),
        DSL.field(DSL.exists(DSL.selectOne().from(inserted))));
  }

  TeamRead create(Connection c, String name) throws SQLException {
    return Jdbc.returned(c, create, ps -> ps.setString(1, name), Rows::team);
  }

  @Override
  public Optional<TeamRead> findById(Connection c, long id) throws SQLException {
    return Jdbc.optional(c, findById, ps -> ps.setLong(1, id), Rows::team);
  }

  @Override
  public boolean delete(Connection c, long id) throws SQLException {
    return Jdbc.changed(c, delete, id);
  }

  AddedMember addMember(Connection c, long teamId, long userId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(addMember)) {
      ps.setLong(1, teamId);
      ps.setLong(2, userId);
      ps.setLong(3, teamId);
      ps.setLong(4, userId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new AddedMember(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3));
      }
    }
  }

  boolean removeMember(Connection c, long teamId, long userId) throws SQLException {
    return Jdbc.changed(c, removeMember, teamId, userId);
  }

  /** The team and its members by user id, in one query; empty when there is no such team. */
  Optional<TeamWithMembers> withMembers(Connection c, long teamId) throws SQLException {
    return Jdbc.withChildren(c, withMembers, teamId, Rows::team, 1 + Rows.TEAM_COLUMNS.size(), Rows::user,
        TeamWithMembers::new);
  }

  /** The teams of a user by team id; empty when there is no such user (a user without teams has an empty list). */
  Optional<List<TeamRead>> teamsOf(Connection c, long userId) throws SQLException {
    // Column 1 is the user's id, there only to tell "no such user" from "no teams".
    return Jdbc.withChildren(c, teamsOf, userId, (rs, first) -> rs.getLong(first), 2, Rows::team,
        (user, teams) -> teams);
  }
}
