package dev.taskstore.examples;

import dev.taskstore.NotFoundException;
import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TaskStoreException;
import dev.taskstore.TeamRead;
import dev.taskstore.TeamWithMembers;
import dev.taskstore.UserRead;
import dev.taskstore.async.AsyncTaskStore;
import dev.taskstore.async.AsyncUserRepository;
import java.io.PrintStream;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * The {@link Quickstart}'s walk-through on the asynchronous API ({@link TaskStore#async()}), where every call
 * returns a {@link CompletableFuture}: a call that needs an earlier result is chained with
 * {@code thenCompose}, independent calls run together and meet in {@code thenCombine} or {@code allOf} (100
 * tasks created at once in step 3), and step 9 shows where a failure arrives ({@code handle},
 * {@code exceptionally}, {@code join()}) and how {@link AsyncTaskStore#unwrap} finds the store's exception.
 *
 * <p>Each step builds its futures, then the main thread joins them, only so that the steps print in order; an
 * application would return the future to its caller instead. Calls whose order decides an id run one after
 * the other, so that the output is the same on every run.
 *
 * <p>Runs on the embedded PostgreSQL unless {@code DATABASE_URL} is set:
 * <pre>{@code ./mvnw -q -pl examples -am compile exec:java -Dexample=dev.taskstore.examples.AsyncQuickstart}</pre>
 *
 * <p>Like the Quickstart, it can run again on the same database.
 */
public final class AsyncQuickstart {

  /** How many tasks step 3 creates, one call each, all in flight at once. */
  static final int CONCURRENT_TASKS = 100;

  private AsyncQuickstart() {}

  /**
   * Runs the walk-through on the database named by the environment.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(TaskStoreConfig.fromEnvironment().build(), System.out);
  }

  /**
   * Runs the walk-through.
   *
   * @param config where the database is
   * @param out where to print each step's result
   */
  public static void run(TaskStoreConfig config, PrintStream out) {
    // Closing the store waits for the asynchronous calls still running.
    try (TaskStore store = TaskStore.open(config)) {
      // Migrating has no asynchronous form: it runs once, before the first call.
      int applied = store.migrate();
      out.println(Show.schema(applied));
      AsyncTaskStore async = store.async();

      Show.section(out, "1. Users and a team");
      // Bob after Ann, so that their ids are the same on every run; each prints when it is done.
      CompletableFuture<UserRead> annCall = findOrCreateUser(async.users(), "ann@example.org", out);
      CompletableFuture<UserRead> bobCall =
          annCall.thenCompose(ann -> findOrCreateUser(async.users(), "bob@example.org", out));
      // A transaction runs a blocking block on one executor thread and one connection: all or nothing.
      TeamWithMembers team = annCall.thenCombine(bobCall, List::of)
          .thenCompose(members -> async.inTransaction(tx -> {
            TeamRead created = tx.teams().create("Platform");
            members.forEach(member -> tx.teams().addMember(created.id(), member.id()));
            return tx.teams().findWithMembers(created.id()).orElseThrow();
          }))
          .join();
      out.println("created " + Show.team(team));
      long ann = annCall.join().id();
      long bob = bobCall.join().id();

      Show.section(out, "2. Tasks: one, then four in one bulk insert");
      // The bulk insert waits for the first task, so that the ids are the same on every run.
      CompletableFuture<TaskRead> reportCall = async.tasks().create(WalkThrough.report(ann));
      CompletableFuture<List<Long>> bulkCall =
          reportCall.thenCompose(first -> async.tasks().createAll(WalkThrough.bulk(ann, bob)));
      TaskRead report = reportCall.join();
      List<Long> ids = bulkCall.join();
      out.println("created " + Show.task(report));
      out.println("created " + ids.size() + " tasks in bulk, ids " + ids);
      long plants = ids.get(WalkThrough.PLANTS);
      long offsite = ids.get(WalkThrough.OFFSITE);

      Show.section(out, "3. " + CONCURRENT_TASKS + " tasks, one call each, all in flight at once");
      // The store runs at most maximumPoolSize of the calls at a time; the others wait in its queue, which
      // holds no thread. Their ids are in the order the inserts happened to run, so only the range is printed.
      List<TaskRead> triage = all(IntStream.rangeClosed(1, CONCURRENT_TASKS)
          .mapToObj(i -> async.tasks().create(triageTask(i)))
          .toList())
          .join();
      LongSummaryStatistics triageIds = triage.stream().mapToLong(TaskRead::id).summaryStatistics();
      out.println("created " + triage.size() + " tasks, ids " + triageIds.getMin() + " to " + triageIds.getMax()
          + ", " + triage.stream().filter(TaskRead::completed).count() + " of them completed");

      Show.section(out, "4. Read by id, both at once");
      async.tasks().get(report.id())
          .thenCombine(async.tasks().get(plants), List::of)
          .join()
          .forEach(task -> out.println("found   " + Show.task(task)));

      Show.section(out, "5. Task joined with its user, both at once");
      async.tasks().findWithUser(report.id())
          .thenCombine(async.tasks().findWithUser(plants), List::of)
          .join()
          .forEach(row -> out.println(row.map(Show::taskWithUser).orElse("(no such task)")));

      Show.section(out, "6. Counts, both at once");
      async.tasks().count(TaskFilter.completed(true))
          .thenCombine(async.tasks().countByPriority(TaskFilter.all()), (completed, byPriority) -> List.of(
              "completed tasks: " + completed,
              "tasks by priority: " + Show.counts(byPriority)))
          .join()
          .forEach(out::println);

      Show.section(out, "7. Partial update: new title, description cleared, the rest untouched");
      out.println("before  " + Show.task(report));
      out.println("after   " + Show.task(async.tasks().update(report.id(), WalkThrough.renameReport()).join()));

      Show.section(out, "8. Delete, then delete again");
      // Started together, either delete could be the one that finds the row: the second waits for the first.
      List<Boolean> deleted = async.tasks().delete(offsite)
          .thenCompose(first -> async.tasks().delete(offsite).thenApply(again -> List.of(first, again)))
          .join();
      out.println("deleted task #" + offsite + ": " + deleted.get(0));
      out.println("deleted task #" + offsite + " again: " + deleted.get(1));

      Show.section(out, "9. Where a failure arrives");
      // handle() on the call's own future sees the store's exception itself, and turns it into a value.
      String duplicate = async.users().create("ANN@example.org")
          .handle((user, failure) -> failure == null ? "created " + Show.user(user) : arrived(failure))
          .join();
      out.println("duplicate email, handle() on the call         -> " + duplicate);
      // A later stage sees it wrapped in CompletionException: exceptionally() recovers from what it knows and
      // passes anything else on.
      String missing = async.tasks().get(offsite)
          .thenApply(Show::task)
          .exceptionally(failure -> {
            if (AsyncTaskStore.unwrap(failure) instanceof NotFoundException) {
              return arrived(failure);
            }
            throw new CompletionException(AsyncTaskStore.unwrap(failure));
          })
          .join();
      out.println("deleted task, exceptionally() after thenApply -> " + missing);
      // join() throws CompletionException, with the store's exception as its cause.
      try {
        async.users().create("ann@EXAMPLE.org").join();
      } catch (CompletionException e) {
        out.println("duplicate email, join()                       -> " + arrived(e));
      }
    }
  }

  /** Looks the user up by email and creates it only when there is none, so that the example can run again. */
  private static CompletableFuture<UserRead> findOrCreateUser(AsyncUserRepository users, String email,
      PrintStream out) {
    return users.findByEmail(email).thenCompose(existing -> {
      if (existing.isPresent()) {
        out.println("found   " + Show.user(existing.get()));
        return CompletableFuture.completedFuture(existing.get());
      }
      return users.create(email).thenApply(created -> {
        out.println("created " + Show.user(created));
        return created;
      });
    });
  }

  /** Task {@code i} of step 3: the priorities in turn, every fourth one completed. */
  private static TaskBase triageTask(int i) {
    return TaskBase.builder("Triage ticket " + i)
        .priority(Priority.values()[i % Priority.values().length])
        .completed(i % 4 == 0)
        .build();
  }

  /** One future for many: completes with every result, in the order of {@code calls}, once all are done. */
  private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> calls) {
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
        .thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
  }

  /**
   * The failure as a handler received it, and the store's exception inside:
   * {@code CompletionException around NotFoundException, task 3, HTTP 404}.
   */
  private static String arrived(Throwable failure) {
    Throwable cause = AsyncTaskStore.unwrap(failure);
    if (!(cause instanceof TaskStoreException storeFailure)) {
      throw new CompletionException(cause); // not a failure this example expects: let it end the run
    }
    String wrapper = cause == failure ? "" : failure.getClass().getSimpleName() + " around ";
    return wrapper + Show.error(storeFailure);
  }
}
