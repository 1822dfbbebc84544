package dev.taskstore.examples;

import dev.taskstore.TaskBase;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.UserRead;
import java.io.PrintStream;

/**
 * The shortest tour: open a store (on the embedded database unless {@code DATABASE_URL} is set), migrate,
 * create a user and a task, and read the task back.
 */
public final class Quickstart {

  private Quickstart() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the tour, printing to {@code out}. */
  public static void run(PrintStream out) {
    try (TaskStore store = TaskStore.open(TaskStoreConfig.fromEnvironment().build())) {
      store.migrate();
      UserRead ann = store.users().findByEmail("ann@example.org")
          .orElseGet(() -> store.users().create("ann@example.org"));
      out.println("user:  " + ann);
      TaskRead task = store.tasks().create(TaskBase.builder("Write the quarterly report")
          .description("numbers from finance").userId(ann.id()).build());
      out.println("task:  " + task);
      out.println("again: " + store.tasks().get(task.id()));
    }
  }
}
