package dev.taskstore.internal;

import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.NotFoundException;
import dev.taskstore.TeamCreate;
import dev.taskstore.TeamRead;
import dev.taskstore.TeamRepository;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.UserRead;
import dev.taskstore.spi.Checks;
import java.util.List;
import java.util.Optional;

/** {@link TeamRepository} on statements jOOQ renders once ({@link TeamSql}). Not public API. */
final class JooqTeamRepository extends ByIdRepository<TeamRead, TeamSql> implements TeamRepository {

  /** A repository that reaches the database through {@code sql} and runs {@code statements}. */
  JooqTeamRepository(SqlAccess sql, TeamSql statements) {
    super(sql, statements, "team", Op.TEAM_FIND, Op.TEAM_DELETE);
  }

  @Override
  public TeamRead create(TeamCreate team) {
    Checks.required("team", team);
    return sql.withConnection(Op.TEAM_CREATE, c -> statements.create(c, team.name()));
  }

  /**
   * One statement that inserts the link only when both rows exist and reports which exist: a missing team
   * or user is then a {@link NotFoundException} without a foreign-key error, which would abort the caller's
   * transaction. The foreign-key error remains possible when a concurrent transaction deletes the team or
   * user in between; it is reported the same way.
   */
  @Override
  public boolean addMember(long teamId, long userId) {
    TeamSql.AddedMember found;
    try {
      found = sql.withConnection(Op.TEAM_ADD_MEMBER, c -> statements.addMember(c, teamId, userId));
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
    if (!found.teamExists()) {
      throw new NotFoundException("team", teamId);
    }
    if (!found.userExists()) {
      throw new NotFoundException("user", userId);
    }
    return found.added();
  }

  @Override
  public boolean removeMember(long teamId, long userId) {
    return sql.withConnection(Op.TEAM_REMOVE_MEMBER, c -> statements.removeMember(c, teamId, userId));
  }

  @Override
  public List<UserRead> members(long teamId) {
    return findWithMembers(teamId).orElseThrow(() -> new NotFoundException("team", teamId)).members();
  }

  @Override
  public Optional<TeamWithMembers> findWithMembers(long teamId) {
    return sql.withConnection(Op.TEAM_WITH_MEMBERS, c -> statements.withMembers(c, teamId));
  }

  @Override
  public List<TeamRead> teamsOf(long userId) {
    return sql.withConnection(Op.TEAM_OF_USER, c -> statements.teamsOf(c, userId))
        .orElseThrow(() -> new NotFoundException("user", userId));
  }
}
