package dev.taskstore.async;

import dev.taskstore.TeamCreate;
import dev.taskstore.TeamRead;
import dev.taskstore.TeamRepository;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.UserRead;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link TeamRepository}, asynchronously: each method does what the blocking method of the same name does and
 * completes exceptionally with the exception that one throws (see its documentation).
 */
public interface AsyncTeamRepository {

  /**
   * See {@link TeamRepository#create(TeamCreate)}.
   *
   * @param team the name
   * @return the stored team
   */
  CompletableFuture<TeamRead> create(TeamCreate team);

  /**
   * See {@link TeamRepository#create(String)}; an invalid name fails the future, it is not thrown.
   *
   * @param name the name
   * @return the stored team
   */
  CompletableFuture<TeamRead> create(String name);

  /**
   * See {@link TeamRepository#findById(long)}.
   *
   * @param id the team's id
   * @return the team, or empty
   */
  CompletableFuture<Optional<TeamRead>> findById(long id);

  /**
   * See {@link TeamRepository#get(long)}.
   *
   * @param id the team's id
   * @return the team; fails with {@link dev.taskstore.NotFoundException} when there is none
   */
  CompletableFuture<TeamRead> get(long id);

  /**
   * See {@link TeamRepository#delete(long)}.
   *
   * @param id the team's id
   * @return true when a row was deleted
   */
  CompletableFuture<Boolean> delete(long id);

  /**
   * See {@link TeamRepository#addMember(long, long)}.
   *
   * @param teamId the team's id
   * @param userId the user's id
   * @return true when the membership is new
   */
  CompletableFuture<Boolean> addMember(long teamId, long userId);

  /**
   * See {@link TeamRepository#removeMember(long, long)}.
   *
   * @param teamId the team's id
   * @param userId the user's id
   * @return true when a membership was removed
   */
  CompletableFuture<Boolean> removeMember(long teamId, long userId);

  /**
   * See {@link TeamRepository#members(long)}.
   *
   * @param teamId the team's id
   * @return the users
   */
  CompletableFuture<List<UserRead>> members(long teamId);

  /**
   * See {@link TeamRepository#findWithMembers(long)}.
   *
   * @param teamId the team's id
   * @return the team and its members, or empty
   */
  CompletableFuture<Optional<TeamWithMembers>> findWithMembers(long teamId);

  /**
   * See {@link TeamRepository#teamsOf(long)}.
   *
   * @param userId the user's id
   * @return the teams
   */
  CompletableFuture<List<TeamRead>> teamsOf(long userId);
}
