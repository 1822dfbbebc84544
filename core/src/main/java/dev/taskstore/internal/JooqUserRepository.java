package dev.taskstore.internal;

import static dev.taskstore.internal.jooq.Tables.TASK;

import dev.taskstore.FoundOrCreated;
import dev.taskstore.NotFoundException;
import dev.taskstore.Page;
import dev.taskstore.RetryableException;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.UserCreate;
import dev.taskstore.UserRead;
import dev.taskstore.UserRepository;
import dev.taskstore.UserWithTasks;
import dev.taskstore.spi.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * {@link UserRepository} on statements jOOQ renders once ({@link UserSql}); the per-user task count, whose shape
 * follows the caller's filter, on jOOQ's DSL. Not public API.
 */
final class JooqUserRepository extends ByIdRepository<UserRead, UserSql> implements UserRepository {

  /** A lost race needs one more read; more attempts are only for rows deleted as fast as they appear. */
  private static final int GET_OR_CREATE_ATTEMPTS = 3;

  private final JooqTaskRepository tasks;

  /**
   * A repository that reaches the database through {@code sql}, runs the statements rendered in advance of
   * {@code statements} and lists tasks with {@code tasks}.
   */
  JooqUserRepository(SqlAccess sql, UserSql statements, JooqTaskRepository tasks) {
    super(sql, statements, "user", Op.USER_FIND, Op.USER_DELETE);
    this.tasks = tasks;
  }

  @Override
  public UserRead create(UserCreate user) {
    Checks.required("user", user);
    return sql.withConnection(Op.USER_CREATE, c -> statements.create(c, user.email()));
  }

  /**
   * One statement inserts the user unless one with that email exists ({@code ON CONFLICT} on the unique index
   * {@code user_email_key}, {@code lower(email)}) and otherwise reads the one that exists. A concurrent call
   * that inserts the same email first makes this statement wait for it and then find nothing to insert and,
   * in its snapshot from before, nothing to read: the read is then run again, and sees the committed row.
   */
  @Override
  public FoundOrCreated<UserRead> getOrCreate(UserCreate user) {
    Checks.required("user", user);
    for (int attempt = 0; attempt < GET_OR_CREATE_ATTEMPTS; attempt++) {
      FoundOrCreated<UserRead> row = sql.withConnection(Op.USER_GET_OR_CREATE,
          c -> statements.getOrCreate(c, user.email()));
      if (row != null) {
        return row;
      }
    }
    // Only a row created and deleted again between every attempt gets here.
    throw new RetryableException("the user was created and deleted by concurrent calls " + GET_OR_CREATE_ATTEMPTS
        + " times in a row; retry", null, null);
  }

  @Override
  public Optional<UserRead> findByEmail(String email) {
    Checks.text("email", email, UserCreate.MAX_EMAIL_LENGTH);
    return sql.withConnection(Op.USER_FIND_BY_EMAIL, c -> statements.findByEmail(c, email));
  }

  @Override
  public Page<TaskRead> tasksOf(long userId, TaskQuery query) {
    Checks.required("query", query);
    if (userId <= 0) {
      // Names no user, like any unknown id; not a malformed filter (TaskFilter wants positive ids).
      throw new NotFoundException("user", userId);
    }
    TaskFilter f = query.filter();
    TaskFilter own = new TaskFilter(f.completed(), f.priority(), Optional.of(userId), f.dueBefore(),
        f.dueAfter(), f.titleContains(), f.search());
    TaskQuery ownQuery = new TaskQuery(own, query.sort(), query.limit(), query.offset(), query.cursor(),
        query.before());
    return tasks.listOfUser(userId, ownQuery).orElseThrow(() -> new NotFoundException("user", userId));
  }

  @Override
  public Optional<UserWithTasks> findWithTasks(long userId) {
    return sql.withConnection(Op.USER_WITH_TASKS, c -> statements.withTasks(c, userId));
  }

  @Override
  public Map<Long, Long> countTasksPerUser(TaskFilter filter) {
    Checks.required("filter", filter);
    Result<Record2<Long, Integer>> rows = sql.call(Op.USER_COUNT_TASKS, dsl -> dsl.select(TASK.USER_ID, DSL.count())
        .from(TASK)
        .where(TaskQueries.condition(filter).and(TASK.USER_ID.isNotNull()))
        .groupBy(TASK.USER_ID)
        .orderBy(TASK.USER_ID)
        .fetch());
    Map<Long, Long> counts = new LinkedHashMap<>();
    for (Record2<Long, Integer> r : rows) {
      counts.put(r.value1(), r.value2().longValue());
    }
    return Collections.unmodifiableMap(counts);
  }
}
