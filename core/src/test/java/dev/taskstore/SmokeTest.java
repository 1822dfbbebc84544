package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest extends DatabaseTest {

  @Test
  void createsAUserAndATaskAndReadsThemBack() {
    UserRead ann = store.users().create("ann@example.org");
    TaskRead task = store.tasks().create(TaskBase.builder("Write report").userId(ann.id()).build());
    assertThat(task.id()).isPositive();
    assertThat(task.priority()).isEqualTo(Priority.MEDIUM);
    assertThat(task.completed()).isFalse();
    assertThat(store.tasks().get(task.id())).isEqualTo(task);
    assertThat(store.tasks().findWithUser(task.id()).orElseThrow().user()).contains(ann);
  }
}
