package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Teams and memberships: the guide's many-to-many through TeamUserLink. */
class TeamRepositoryTest extends DatabaseTest {

  @Test
  void createAndReadBack() {
    TeamRead team = store.teams().create(new TeamCreate("Core"));
    assertThat(team.id()).isPositive();
    assertThat(team.name()).isEqualTo("Core");
    assertThat(team.createdAt()).isNotNull();
    assertThat(store.teams().get(team.id())).isEqualTo(team);
    assertThat(store.teams().findById(team.id())).contains(team);
    assertThat(store.teams().create("Core").id()).isNotEqualTo(team.id()); // names need not be unique
  }

  @Test
  void createFromAStringValidatesTheName() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> store.teams().create(" "));
    assertThat(e.field()).isEqualTo("name");
  }

  @Test
  void getOfAMissingTeamThrowsNotFoundNamingTheTeam() {
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> store.teams().get(3));
    assertThat(e.entity()).isEqualTo("team");
    assertThat(e.id()).isEqualTo(3);
    assertThat(store.teams().findById(3)).isEmpty();
  }

  @Test
  void addMemberIsIdempotent() {
    TeamRead team = store.teams().create("Core");
    UserRead ann = store.users().create("ann@example.org");
    assertThat(store.teams().addMember(team.id(), ann.id())).isTrue();
    assertThat(store.teams().addMember(team.id(), ann.id())).isFalse();
    assertThat(store.teams().members(team.id())).containsExactly(ann);
  }

  @Test
  void addMemberToAnUnknownTeamThrowsNotFoundNamingTheTeam() {
    UserRead ann = store.users().create("ann@example.org");
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> store.teams().addMember(404, ann.id()));
    assertThat(e.entity()).isEqualTo("team");
    assertThat(e.id()).isEqualTo(404);
    assertThat(e.sqlState()).isEmpty();
  }

  @Test
  void addMemberOfAnUnknownUserThrowsNotFoundNamingTheUser() {
    TeamRead team = store.teams().create("Core");
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> store.teams().addMember(team.id(), 404));
    assertThat(e.entity()).isEqualTo("user");
    assertThat(e.id()).isEqualTo(404);
  }

  @Test
  void anUnknownTeamOrUserInsideATransactionDoesNotAbortIt() {
    TeamRead team = store.teams().create("Core");
    UserRead ann = store.users().create("ann@example.org");
    store.useTransaction(tx -> {
      catchThrowableOfType(NotFoundException.class, () -> tx.teams().addMember(team.id(), 404));
      catchThrowableOfType(NotFoundException.class, () -> tx.teams().addMember(404, ann.id()));
      assertThat(tx.teams().addMember(team.id(), ann.id())).isTrue();
    });
    assertThat(store.teams().members(team.id())).containsExactly(ann);
  }

  @Test
  void aUserDeletedConcurrentlyWhileBeingAddedIsNotFound() throws Exception {
    TeamRead team = store.teams().create("Core");
    UserRead ann = store.users().create("ann@example.org");
    try (TaskStore own = TaskStore.open(TestDatabase.config().poolName("add-member-race").minimumIdle(0)
            .maximumPoolSize(1).build());
        java.sql.Connection deleter = TestDatabase.connect()) {
      deleter.setAutoCommit(false);
      try (java.sql.Statement s = deleter.createStatement()) {
        s.execute("DELETE FROM \"user\" WHERE id = " + ann.id());
      }
      // addMember sees the user (the delete is not committed) and waits for its row lock.
      java.util.concurrent.CompletableFuture<Boolean> adding =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> own.teams().addMember(team.id(), ann.id()));
      while (TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
          + "'add-member-race' AND wait_event_type = 'Lock'") == 0) {
        assertThat(adding).isNotDone();
        Thread.onSpinWait();
      }
      deleter.commit();
      java.util.concurrent.ExecutionException e = catchThrowableOfType(
          java.util.concurrent.ExecutionException.class, () -> adding.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
      NotFoundException notFound = (NotFoundException) e.getCause();
      assertThat(notFound.entity()).isEqualTo("user");
      assertThat(notFound.getCause()).isInstanceOf(ForeignKeyViolationException.class);
    }
    assertThat(store.teams().members(team.id())).isEmpty();
  }

  @Test
  void addMemberWhenNeitherExistsNamesTheTeam() {
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> store.teams().addMember(404, 405));
    assertThat(e.entity()).isEqualTo("team");
    assertThat(e.id()).isEqualTo(404);
  }

  @Test
  void removeMemberEndsTheMembershipAndTellsWhetherThereWasOne() {
    TeamRead team = store.teams().create("Core");
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    store.teams().addMember(team.id(), ann.id());
    store.teams().addMember(team.id(), bob.id());
    assertThat(store.teams().removeMember(team.id(), ann.id())).isTrue();
    assertThat(store.teams().removeMember(team.id(), ann.id())).isFalse();
    assertThat(store.teams().removeMember(404, 404)).isFalse();
    assertThat(store.teams().members(team.id())).containsExactly(bob);
    assertThat(store.users().findById(ann.id())).contains(ann);
  }

  @Test
  void membersAreInUserIdOrder() {
    TeamRead team = store.teams().create("Core");
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    UserRead cid = store.users().create("cid@example.org");
    store.teams().addMember(team.id(), cid.id());
    store.teams().addMember(team.id(), ann.id());
    store.teams().addMember(team.id(), bob.id());
    assertThat(store.teams().members(team.id())).containsExactly(ann, bob, cid);
  }

  @Test
  void membersOfATeamWithoutMembersIsEmptyAndOfAMissingTeamNotFound() {
    TeamRead team = store.teams().create("Empty");
    assertThat(store.teams().members(team.id())).isEmpty();
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> store.teams().members(404));
    assertThat(e.entity()).isEqualTo("team");
  }

  @Test
  void findWithMembersReadsTheTeamAndItsMembers() {
    TeamRead team = store.teams().create("Core");
    TeamRead empty = store.teams().create("Empty");
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    store.teams().addMember(team.id(), bob.id());
    store.teams().addMember(team.id(), ann.id());
    assertThat(store.teams().findWithMembers(team.id())).contains(new TeamWithMembers(team, java.util.List.of(ann, bob)));
    assertThat(store.teams().findWithMembers(empty.id())).contains(new TeamWithMembers(empty, java.util.List.of()));
    assertThat(store.teams().findWithMembers(404)).isEmpty();
  }

  @Test
  void teamsOfListsAUsersTeamsInIdOrder() {
    TeamRead core = store.teams().create("Core");
    TeamRead ops = store.teams().create("Ops");
    TeamRead other = store.teams().create("Other");
    UserRead ann = store.users().create("ann@example.org");
    UserRead idle = store.users().create("idle@example.org");
    store.teams().addMember(ops.id(), ann.id());
    store.teams().addMember(core.id(), ann.id());
    assertThat(store.teams().teamsOf(ann.id())).containsExactly(core, ops);
    assertThat(store.teams().teamsOf(idle.id())).isEmpty();
    assertThat(store.teams().teamsOf(ann.id())).doesNotContain(other);
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> store.teams().teamsOf(404));
    assertThat(e.entity()).isEqualTo("user");
    assertThat(e.id()).isEqualTo(404);
  }

  @Test
  void deleteRemovesTheTeamAndItsMembershipsButNotItsUsers() {
    TeamRead team = store.teams().create("Core");
    UserRead ann = store.users().create("ann@example.org");
    store.teams().addMember(team.id(), ann.id());
    assertThat(store.teams().delete(team.id())).isTrue();
    assertThat(store.teams().findById(team.id())).isEmpty();
    assertThat(store.teams().teamsOf(ann.id())).isEmpty();
    assertThat(store.users().get(ann.id())).isEqualTo(ann);
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM teamuserlink")).isZero();
    assertThat(store.teams().delete(team.id())).isFalse();
  }
}
