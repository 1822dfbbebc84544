package dev.taskstore.async;

import dev.taskstore.FoundOrCreated;
import dev.taskstore.Page;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.UserCreate;
import dev.taskstore.UserRead;
import dev.taskstore.UserRepository;
import dev.taskstore.UserWithTasks;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link UserRepository}, asynchronously: each method does what the blocking method of the same name does and
 * completes exceptionally with the exception that one throws (see its documentation).
 */
public interface AsyncUserRepository {

  /**
   * See {@link UserRepository#create(UserCreate)}.
   *
   * @param user the email
   * @return the stored user
   */
  CompletableFuture<UserRead> create(UserCreate user);

  /**
   * See {@link UserRepository#create(String)}; an invalid email fails the future, it is not thrown.
   *
   * @param email the email
   * @return the stored user
   */
  CompletableFuture<UserRead> create(String email);

  /**
   * See {@link UserRepository#getOrCreate(UserCreate)}.
   *
   * @param user the email
   * @return the user, and whether this call created it
   */
  CompletableFuture<FoundOrCreated<UserRead>> getOrCreate(UserCreate user);

  /**
   * See {@link UserRepository#getOrCreate(String)}; an invalid email fails the future, it is not thrown.
   *
   * @param email the email
   * @return the user, and whether this call created it
   */
  CompletableFuture<FoundOrCreated<UserRead>> getOrCreate(String email);

  /**
   * See {@link UserRepository#findById(long)}.
   *
   * @param id the user's id
   * @return the user, or empty
   */
  CompletableFuture<Optional<UserRead>> findById(long id);

  /**
   * See {@link UserRepository#get(long)}.
   *
   * @param id the user's id
   * @return the user; fails with {@link dev.taskstore.NotFoundException} when there is none
   */
  CompletableFuture<UserRead> get(long id);

  /**
   * See {@link UserRepository#findByEmail(String)}.
   *
   * @param email the email in any letter case
   * @return the user, or empty
   */
  CompletableFuture<Optional<UserRead>> findByEmail(String email);

  /**
   * See {@link UserRepository#delete(long)}.
   *
   * @param id the user's id
   * @return true when a row was deleted
   */
  CompletableFuture<Boolean> delete(long id);

  /**
   * See {@link UserRepository#tasksOf(long, TaskQuery)}.
   *
   * @param userId the user's id
   * @param query filter, sort, page size and position
   * @return the page
   */
  CompletableFuture<Page<TaskRead>> tasksOf(long userId, TaskQuery query);

  /**
   * See {@link UserRepository#findWithTasks(long)}.
   *
   * @param userId the user's id
   * @return the user and its tasks, or empty
   */
  CompletableFuture<Optional<UserWithTasks>> findWithTasks(long userId);

  /**
   * See {@link UserRepository#countTasksPerUser(TaskFilter)}.
   *
   * @param filter which tasks to count
   * @return user id to count
   */
  CompletableFuture<Map<Long, Long>> countTasksPerUser(TaskFilter filter);
}
