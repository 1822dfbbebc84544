package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks read together with their users: the guide's {@code select(Task, User).join(User)}. */
class TaskJoinTest extends DatabaseTest {

  @Test
  void findWithUserReturnsTheTaskAndItsUser() {
    UserRead ann = store.users().create("ann@example.org");
    TaskRead t = store.tasks().create(TaskBase.builder("owned").userId(ann.id()).build());
    TaskWithUser found = store.tasks().findWithUser(t.id()).orElseThrow();
    assertThat(found.task()).isEqualTo(t);
    assertThat(found.user()).contains(ann);
  }

  @Test
  void findWithUserOfATaskWithoutUserHasAnEmptyUser() {
    TaskRead t = store.tasks().create(TaskBase.of("orphan"));
    TaskWithUser found = store.tasks().findWithUser(t.id()).orElseThrow();
    assertThat(found.task()).isEqualTo(t);
    assertThat(found.user()).isEmpty();
  }

  @Test
  void findWithUserOfAMissingTaskIsEmpty() {
    assertThat(store.tasks().findWithUser(5)).isEmpty();
  }

  @Test
  void listWithUsersPairsEachTaskWithItsUserOrNone() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead bob = store.users().create("bob@example.org");
    TaskRead a = store.tasks().create(TaskBase.builder("a").userId(ann.id()).build());
    TaskRead none = store.tasks().create(TaskBase.of("none"));
    TaskRead b = store.tasks().create(TaskBase.builder("b").userId(bob.id()).build());

    Page<TaskWithUser> page = store.tasks().listWithUsers(TaskQuery.firstPage());
    assertThat(page.items()).containsExactly(
        new TaskWithUser(a, java.util.Optional.of(ann)),
        new TaskWithUser(none, java.util.Optional.empty()),
        new TaskWithUser(b, java.util.Optional.of(bob)));
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void listWithUsersFiltersSortsAndPagesLikeList() {
    UserRead ann = store.users().create("ann@example.org");
    for (int i = 0; i < 7; i++) {
      store.tasks().create(TaskBase.builder("t" + i).userId(i % 2 == 0 ? ann.id() : null).build());
    }
    TaskQuery.Builder q = TaskQuery.builder().filter(TaskFilter.builder().userId(ann.id()).build())
        .sort(TaskSort.ID_DESC).limit(3);
    Page<TaskWithUser> first = store.tasks().listWithUsers(q.build());
    Page<TaskWithUser> second = store.tasks().listWithUsers(q.after(first.nextCursor().orElseThrow()).build());
    List<String> titles = new java.util.ArrayList<>();
    first.items().forEach(r -> titles.add(r.task().title()));
    second.items().forEach(r -> titles.add(r.task().title()));
    assertThat(titles).containsExactly("t6", "t4", "t2", "t0");
    assertThat(second.nextCursor()).isEmpty();
    assertThat(first.items()).allSatisfy(r -> assertThat(r.user()).contains(ann));
    assertThat(first.items().stream().map(TaskWithUser::task).toList())
        .isEqualTo(store.tasks().list(q.after(null).build()).items());
  }

  @Test
  void listWithUsersOfAnEmptyTableIsAnEmptyPage() {
    Page<TaskWithUser> page = store.tasks().listWithUsers(TaskQuery.firstPage());
    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
  }
}
