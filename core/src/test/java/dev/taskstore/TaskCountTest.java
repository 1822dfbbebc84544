package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counting tasks: in all, by priority and per user. */
class TaskCountTest extends DatabaseTest {

  @Test
  void countsOnAnEmptyTableAreZero() {
    assertThat(store.tasks().count(TaskFilter.all())).isZero();
    assertThat(store.tasks().count(TaskFilter.completed(true))).isZero();
    assertThat(store.tasks().countByPriority(TaskFilter.all()))
        .containsExactly(Map.entry(Priority.LOW, 0L), Map.entry(Priority.MEDIUM, 0L), Map.entry(Priority.HIGH, 0L));
    assertThat(store.users().countTasksPerUser(TaskFilter.all())).isEmpty();
  }

  @Test
  void countHonoursTheFilter() {
    store.tasks().create(TaskBase.builder("a").completed(true).build());
    store.tasks().create(TaskBase.builder("b").completed(true).priority(Priority.HIGH).build());
    store.tasks().create(TaskBase.builder("c").build());
    assertThat(store.tasks().count(TaskFilter.all())).isEqualTo(3);
    assertThat(store.tasks().count(TaskFilter.completed(true))).isEqualTo(2);
    assertThat(store.tasks().count(TaskFilter.completed(false))).isEqualTo(1);
    assertThat(store.tasks().count(TaskFilter.builder().completed(true).priority(Priority.HIGH).build()))
        .isEqualTo(1);
  }

  @Test
  void countByPriorityReturnsZeroForMissingPrioritiesInPriorityOrder() {
    store.tasks().create(TaskBase.builder("a").priority(Priority.HIGH).build());
    store.tasks().create(TaskBase.builder("b").priority(Priority.HIGH).completed(true).build());
    store.tasks().create(TaskBase.builder("c").priority(Priority.LOW).build());
    Map<Priority, Long> counts = store.tasks().countByPriority(TaskFilter.all());
    assertThat(counts).containsExactly(
        Map.entry(Priority.LOW, 1L), Map.entry(Priority.MEDIUM, 0L), Map.entry(Priority.HIGH, 2L));
    assertThat(store.tasks().countByPriority(TaskFilter.completed(true)))
        .containsExactly(Map.entry(Priority.LOW, 0L), Map.entry(Priority.MEDIUM, 0L), Map.entry(Priority.HIGH, 1L));
  }

  @Test
  void countTasksPerUserCoversUsersWithTasksInIdOrder() {
    UserRead ann = store.users().create("ann@example.org");
    UserRead idle = store.users().create("idle@example.org");
    UserRead bob = store.users().create("bob@example.org");
    store.tasks().create(TaskBase.builder("b1").userId(bob.id()).build());
    store.tasks().create(TaskBase.builder("a1").userId(ann.id()).build());
    store.tasks().create(TaskBase.builder("b2").userId(bob.id()).completed(true).build());
    store.tasks().create(TaskBase.of("nobody's"));

    Map<Long, Long> counts = store.users().countTasksPerUser(TaskFilter.all());
    assertThat(counts).containsExactly(Map.entry(ann.id(), 1L), Map.entry(bob.id(), 2L));
    assertThat(counts).doesNotContainKey(idle.id());
    assertThat(store.users().countTasksPerUser(TaskFilter.completed(true)))
        .containsExactly(Map.entry(bob.id(), 1L));
  }

  @Test
  void countResultsAreUnmodifiable() {
    store.tasks().create(TaskBase.of("a"));
    Map<Priority, Long> counts = store.tasks().countByPriority(TaskFilter.all());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> counts.put(Priority.LOW, 5L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
