package dev.taskstore.examples;

import dev.taskstore.NotFoundException;
import dev.taskstore.StaleVersionException;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TeamRead;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.UserRead;
import java.io.PrintStream;
import java.util.List;

/**
 * The SQLModel guide's walk-through on taskstore's blocking API: users and a team, tasks (one of them
 * created in bulk), reads by id, the Task + User join, counts, a partial update, a delete, and the errors a
 * caller can react to, among them an update refused because the task changed since it was read (optimistic
 * locking).
 *
 * <p>Runs on the embedded PostgreSQL unless {@code DATABASE_URL} is set:
 * <pre>{@code ./mvnw -q -pl examples -am compile exec:java}</pre>
 *
 * <p>It can run again on the same database: users are looked up by email before being created, and every
 * other row it writes is new. Counts then include the rows of earlier runs.
 */
public final class Quickstart {

  private Quickstart() {}

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
    try (TaskStore store = TaskStore.open(config)) {
      int applied = store.migrate();
      out.println(Show.schema(applied));

      Show.section(out, "1. Users and a team");
      UserRead ann = findOrCreateUser(store, "ann@example.org", out);
      UserRead bob = findOrCreateUser(store, "bob@example.org", out);
      TeamRead team = store.teams().create("Platform");
      store.teams().addMember(team.id(), ann.id());
      store.teams().addMember(team.id(), bob.id());
      out.println("created " + Show.team(store.teams().findWithMembers(team.id()).orElseThrow()));

      Show.section(out, "2. Tasks: one, then four in one bulk insert");
      TaskRead report = store.tasks().create(WalkThrough.report(ann.id()));
      out.println("created " + Show.task(report));
      List<Long> ids = store.tasks().createAll(WalkThrough.bulk(ann.id(), bob.id()));
      out.println("created " + ids.size() + " tasks in bulk, ids " + ids);
      long plants = ids.get(WalkThrough.PLANTS);
      long offsite = ids.get(WalkThrough.OFFSITE);

      Show.section(out, "3. Read by id");
      out.println("found   " + Show.task(store.tasks().get(report.id())));
      out.println("found   " + Show.task(store.tasks().get(plants)));

      Show.section(out, "4. Task joined with its user");
      out.println(Show.taskWithUser(store.tasks().findWithUser(report.id()).orElseThrow()));
      out.println(Show.taskWithUser(store.tasks().findWithUser(plants).orElseThrow()));

      Show.section(out, "5. Counts");
      out.println("completed tasks: " + store.tasks().count(TaskFilter.completed(true)));
      out.println("tasks by priority: " + Show.counts(store.tasks().countByPriority(TaskFilter.all())));

      Show.section(out, "6. Partial update: new title, description cleared, the rest untouched");
      out.println("before  " + Show.task(report));
      TaskRead updated = store.tasks().update(report.id(), WalkThrough.renameReport());
      out.println("after   " + Show.task(updated));
      out.println("version " + report.version() + " -> " + updated.version() + " (the database counts every update)");

      Show.section(out, "7. Delete");
      out.println("deleted task #" + offsite + ": " + store.tasks().delete(offsite));
      out.println("deleted task #" + offsite + " again: " + store.tasks().delete(offsite));

      Show.section(out, "8. Errors name what went wrong");
      try {
        store.users().create("ANN@example.org");
      } catch (UniqueViolationException e) {
        out.println("duplicate email -> " + Show.error(e));
      }
      try {
        store.tasks().get(offsite);
      } catch (NotFoundException e) {
        out.println("deleted task     -> " + Show.error(e));
      }
      try {
        // Only if the task is still at the version read before step 6: it is not.
        store.tasks().update(report.id(), TaskUpdate.builder().completed(true).build(), report.version());
      } catch (StaleVersionException e) {
        out.println("stale version    -> " + Show.error(e));
      }
    }
  }

  private static UserRead findOrCreateUser(TaskStore store, String email, PrintStream out) {
    UserRead existing = store.users().findByEmail(email).orElse(null);
    if (existing != null) {
      out.println("found   " + Show.user(existing));
      return existing;
    }
    UserRead created = store.users().create(email);
    out.println("created " + Show.user(created));
    return created;
  }
}
