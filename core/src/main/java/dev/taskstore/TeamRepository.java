package dev.taskstore;

import java.util.List;
import java.util.Optional;

/**
 * Teams and their members (the guide's many-to-many through {@code TeamUserLink}). Obtained from
 * {@link TaskStore#teams()} or {@link Transaction#teams()}. Every method may also throw
 * {@link ConnectionException} and {@link QueryTimeoutException}.
 *
 * <p>Ids: an id passed as an argument that is zero or negative names no row and is treated like any unknown
 * id (empty, false or {@link NotFoundException}); an id inside a record ({@code TaskBase.userId},
 * {@code TaskFilter.userId}, {@code TaskUpdate.userId}) must be positive, else {@link ValidationException}.
 */
public interface TeamRepository {

  /**
   * Creates a team.
   *
   * @param team the name
   * @return the stored team
   */
  TeamRead create(TeamCreate team);

  /**
   * Creates a team from a name; short for {@code create(new TeamCreate(name))}.
   *
   * @param name the name
   * @return the stored team
   * @throws ValidationException when the name breaks a rule of {@link TeamCreate}
   */
  default TeamRead create(String name) {
    return create(new TeamCreate(name));
  }

  /**
   * Reads a team.
   *
   * @param id the team's id
   * @return the team, or empty
   */
  Optional<TeamRead> findById(long id);

  /**
   * Reads a team that must exist.
   *
   * @param id the team's id
   * @return the team
   * @throws NotFoundException when there is none with that id
   */
  TeamRead get(long id);

  /**
   * Deletes a team and its memberships (not its users).
   *
   * @param id the team's id
   * @return true when a row was deleted
   */
  boolean delete(long id);

  /**
   * Makes a user a member of a team. Adding an existing member again changes nothing and is not an error.
   *
   * @param teamId the team's id
   * @param userId the user's id
   * @return true when the membership is new, false when it existed already
   * @throws NotFoundException naming the team or the user when either does not exist
   */
  boolean addMember(long teamId, long userId);

  /**
   * Ends a membership.
   *
   * @param teamId the team's id
   * @param userId the user's id
   * @return true when a membership was removed, false when there was none
   */
  boolean removeMember(long teamId, long userId);

  /**
   * The members of a team, in user id order.
   *
   * @param teamId the team's id
   * @return the users
   * @throws NotFoundException when there is no such team
   */
  List<UserRead> members(long teamId);

  /**
   * A team with its members, in one query.
   *
   * @param teamId the team's id
   * @return the team and its members, or empty when there is no such team
   */
  Optional<TeamWithMembers> findWithMembers(long teamId);

  /**
   * The teams a user belongs to, in team id order.
   *
   * @param userId the user's id
   * @return the teams
   * @throws NotFoundException when there is no such user
   */
  List<TeamRead> teamsOf(long userId);
}
