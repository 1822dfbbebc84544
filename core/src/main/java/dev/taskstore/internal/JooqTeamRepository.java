package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TEAM;
import static dev.taskstore.internal.jooq.Tables.TEAMUSERLINK;
import static dev.taskstore.internal.jooq.Tables.USER;

import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.NotFoundException;
import dev.taskstore.TeamCreate;
import dev.taskstore.TeamRead;
import dev.taskstore.TeamRepository;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.UserRead;
import dev.taskstore.spi.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.impl.DSL;

/** {@link TeamRepository} on jOOQ's generated classes. Not public API. */
final class JooqTeamRepository implements TeamRepository {

  private final SqlAccess sql;

  /** A repository that reaches the database through {@code sql}. */
  public JooqTeamRepository(SqlAccess sql) {
    this.sql = sql;
  }

  @Override
  public TeamRead create(TeamCreate team) {
    Checks.required("team", team);
    return sql.call(Op.TEAM_CREATE, dsl -> Rows.team(dsl.insertInto(TEAM).set(TEAM.NAME, team.name()).returning().fetchOne()));
  }

  @Override
  public Optional<TeamRead> findById(long id) {
    return sql.call(Op.TEAM_FIND, dsl -> dsl.selectFrom(TEAM).where(TEAM.ID.eq(id)).fetchOptional().map(Rows::team));
  }

  @Override
  public TeamRead get(long id) {
    return findById(id).orElseThrow(() -> new NotFoundException("team", id));
  }

  @Override
  public boolean delete(long id) {
    return sql.call(Op.TEAM_DELETE, dsl -> dsl.deleteFrom(TEAM).where(TEAM.ID.eq(id)).execute()) > 0;
  }

  /**
   * One statement that inserts the link only when both rows exist and reports which exist: a missing team
   * or user is then a {@link NotFoundException} without a foreign-key error, which would abort the caller's
   * transaction. The foreign-key error remains possible when a concurrent transaction deletes the team or
   * user in between; it is reported the same way.
   */
  @Override
  public boolean addMember(long teamId, long userId) {
    Record3<Boolean, Boolean, Boolean> found;
    try {
      found = sql.call(Op.TEAM_ADD_MEMBER, dsl -> {
        CommonTableExpression<Record1<Long>> inserted = DSL.name("inserted").as(
            dsl.insertInto(TEAMUSERLINK, TEAMUSERLINK.TEAM_ID, TEAMUSERLINK.USER_ID)
                .select(DSL.select(TEAM.ID, USER.ID).from(TEAM, USER).where(TEAM.ID.eq(teamId))
                    .and(USER.ID.eq(userId)))
                .onConflictDoNothing()
                .returningResult(TEAMUSERLINK.TEAM_ID));
        return dsl.with(inserted)
            .select(
                DSL.field(DSL.exists(DSL.selectOne().from(TEAM).where(TEAM.ID.eq(teamId)))),
                DSL.field(DSL.exists(DSL.selectOne().from(USER).where(USER.ID.eq(userId)))),
                DSL.field(DSL.exists(DSL.selectOne().from(inserted))))
            .fetchOne();
      });
    } catch (ForeignKeyViolationException e) {
      String constraint = e.constraintName().orElse("");
      if (constraint.equals("teamuserlink_team_id_fkey")) {
        throw new NotFoundException("team", teamId, e);
      }
      if (constraint.equals("teamuserlink_user_id_fkey")) {
        throw new NotFoundException("user", userId, e);
      }
      throw e;
    }
    if (!found.value1()) {
      throw new NotFoundException("team", teamId);
    }
    if (!found.value2()) {
      throw new NotFoundException("user", userId);
    }
    return found.value3();
  }

  @Override
  public boolean removeMember(long teamId, long userId) {
    return sql.call(Op.TEAM_REMOVE_MEMBER, dsl -> dsl.deleteFrom(TEAMUSERLINK)
        .where(TEAMUSERLINK.TEAM_ID.eq(teamId).and(TEAMUSERLINK.USER_ID.eq(userId)))
        .execute()) > 0;
  }

  @Override
  public List<UserRead> members(long teamId) {
    return findWithMembers(teamId).orElseThrow(() -> new NotFoundException("team", teamId)).members();
  }

  @Override
  public Optional<TeamWithMembers> findWithMembers(long teamId) {
    Result<Record> rows = sql.call(Op.TEAM_WITH_MEMBERS, dsl -> dsl.select(TEAM.fields()).select(USER.fields())
        .from(TEAM)
        .leftJoin(TEAMUSERLINK).on(TEAMUSERLINK.TEAM_ID.eq(TEAM.ID))
        .leftJoin(USER).on(USER.ID.eq(TEAMUSERLINK.USER_ID))
        .where(TEAM.ID.eq(teamId))
        .orderBy(USER.ID)
        .fetch());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<UserRead> members = new ArrayList<>(rows.size());
    for (Record r : rows) {
      if (r.get(USER.ID) != null) {
        members.add(Rows.user(r));
      }
    }
    return Optional.of(new TeamWithMembers(Rows.team(rows.get(0)), members));
  }

  @Override
  public List<TeamRead> teamsOf(long userId) {
    Result<Record> rows = sql.call(Op.TEAM_OF_USER, dsl -> dsl.select(USER.ID).select(TEAM.fields())
        .from(USER)
        .leftJoin(TEAMUSERLINK).on(TEAMUSERLINK.USER_ID.eq(USER.ID))
        .leftJoin(TEAM).on(TEAM.ID.eq(TEAMUSERLINK.TEAM_ID))
        .where(USER.ID.eq(userId))
        .orderBy(TEAM.ID)
        .fetch());
    if (rows.isEmpty()) {
      throw new NotFoundException("user", userId);
    }
    List<TeamRead> teams = new ArrayList<>(rows.size());
    for (Record r : rows) {
      if (r.get(TEAM.ID) != null) {
        teams.add(Rows.team(r));
      }
    }
    return teams;
  }
}
