package dev.taskstore;

import java.util.Map;
import java.util.Optional;

/**
 * Users and what hangs off them. Obtained from {@link TaskStore#users()} or {@link Transaction#users()}. Every
 * method may also throw {@link ConnectionException} and {@link QueryTimeoutException}.
 *
 * <p>Ids: an id passed as an argument that is zero or negative names no row and is treated like any unknown
 * id (empty, false or {@link NotFoundException}); an id inside a record ({@code TaskBase.userId},
 * {@code TaskFilter.userId}, {@code TaskUpdate.userId}) must be positive, else {@link ValidationException}.
 */
public interface UserRepository {

  /**
   * Creates a user.
   *
   * @param user the email
   * @return the stored user
   * @throws UniqueViolationException when a user with that email exists in any letter case
   *     ({@code user_email_key})
   */
  UserRead create(UserCreate user);

  /**
   * Creates a user from an email; short for {@code create(new UserCreate(email))}.
   *
   * @param email the email
   * @return the stored user
   * @throws ValidationException when the email breaks a rule of {@link UserCreate}
   * @throws UniqueViolationException when a user with that email exists in any letter case
   */
  default UserRead create(String email) {
    return create(new UserCreate(email));
  }

  /**
   * The user with this email in any letter case, created (as given) when there is none: one statement in the
   * common case, and safe under races — concurrent calls for the same new email all get the one row, which one
   * of them created, and none of them sees an exception. Inside a transaction it takes part in it like any
   * write; in a REPEATABLE READ or SERIALIZABLE one, PostgreSQL itself fails the call with a
   * {@link RetryableException} when a concurrent transaction inserted the same email after this one began (run
   * such a transaction with retries).
   *
   * @param user the email
   * @return the user, and whether this call created it
   * @throws ValidationException when {@code user} is null
   */
  FoundOrCreated<UserRead> getOrCreate(UserCreate user);

  /**
   * Short for {@code getOrCreate(new UserCreate(email))}.
   *
   * @param email the email
   * @return the user, and whether this call created it
   * @throws ValidationException when the email breaks a rule of {@link UserCreate}
   */
  default FoundOrCreated<UserRead> getOrCreate(String email) {
    return getOrCreate(new UserCreate(email));
  }

  /**
   * Reads a user.
   *
   * @param id the user's id
   * @return the user, or empty
   */
  Optional<UserRead> findById(long id);

  /**
   * Reads a user that must exist.
   *
   * @param id the user's id
   * @return the user
   * @throws NotFoundException when there is none with that id
   */
  UserRead get(long id);

  /**
   * Finds a user by email, ignoring letter case.
   *
   * @param email the email in any letter case
   * @return the user, or empty
   */
  Optional<UserRead> findByEmail(String email);

  /**
   * Deletes a user. Its tasks stay, with their user cleared; its team memberships go (as the schema's
   * {@code ON DELETE SET NULL} and {@code ON DELETE CASCADE} say).
   *
   * @param id the user's id
   * @return true when a row was deleted, false when there was none
   */
  boolean delete(long id);

  /**
   * Lists a user's tasks; short for {@link TaskRepository#list} with the user added to the query's filter.
   *
   * @param userId the user's id
   * @param query filter, sort, page size and position (its own user condition is replaced)
   * @return the page
   * @throws NotFoundException when there is no such user
   */
  Page<TaskRead> tasksOf(long userId, TaskQuery query);

  /**
   * Reads a user with all its tasks, in one query.
   *
   * @param userId the user's id
   * @return the user and its tasks, or empty when there is no such user
   */
  Optional<UserWithTasks> findWithTasks(long userId);

  /**
   * Counts tasks per user, over the users that own at least one task.
   *
   * @param filter which tasks to count
   * @return user id to count, in user id order
   */
  Map<Long, Long> countTasksPerUser(TaskFilter filter);
}
