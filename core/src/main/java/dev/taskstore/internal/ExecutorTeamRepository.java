package dev.taskstore.internal;

import dev.taskstore.TeamCreate;
import dev.taskstore.TeamRead;
import dev.taskstore.TeamRepository;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.UserRead;
import dev.taskstore.async.AsyncTeamRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link AsyncTeamRepository} as the blocking repository run by an {@link AsyncRunner}. Not public API. */
final class ExecutorTeamRepository implements AsyncTeamRepository {

  private final TeamRepository teams;
  private final AsyncRunner run;

  ExecutorTeamRepository(TeamRepository teams, AsyncRunner run) {
    this.teams = teams;
    this.run = run;
  }

  @Override
  public CompletableFuture<TeamRead> create(TeamCreate team) {
    return run.submit(() -> teams.create(team));
  }

  @Override
  public CompletableFuture<TeamRead> create(String name) {
    return run.submit(() -> teams.create(name));
  }

  @Override
  public CompletableFuture<Optional<TeamRead>> findById(long id) {
    return run.submit(() -> teams.findById(id));
  }

  @Override
  public CompletableFuture<TeamRead> get(long id) {
    return run.submit(() -> teams.get(id));
  }

  @Override
  public CompletableFuture<Boolean> delete(long id) {
    return run.submit(() -> teams.delete(id));
  }

  @Override
  public CompletableFuture<Boolean> addMember(long teamId, long userId) {
    return run.submit(() -> teams.addMember(teamId, userId));
  }

  @Override
  public CompletableFuture<Boolean> removeMember(long teamId, long userId) {
    return run.submit(() -> teams.removeMember(teamId, userId));
  }

  @Override
  public CompletableFuture<List<UserRead>> members(long teamId) {
    return run.submit(() -> teams.members(teamId));
  }

  @Override
  public CompletableFuture<Optional<TeamWithMembers>> findWithMembers(long teamId) {
    return run.submit(() -> teams.findWithMembers(teamId));
  }

  @Override
  public CompletableFuture<List<TeamRead>> teamsOf(long userId) {
    return run.submit(() -> teams.teamsOf(userId));
  }
}
