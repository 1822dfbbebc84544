package dev.taskstore.internal;

import dev.taskstore.Repositories;
import dev.taskstore.TaskRepository;
import dev.taskstore.TeamRepository;
import dev.taskstore.UserRepository;

/** {@link Repositories} whose three repositories are one {@link RepositorySet}. Not public API. */
interface RepositoriesOf extends Repositories {

  /** The repositories. */
  RepositorySet repositories();

  @Override
  default TaskRepository tasks() {
    return repositories().tasks();
  }

  @Override
  default UserRepository users() {
    return repositories().users();
  }

  @Override
  default TeamRepository teams() {
    return repositories().teams();
  }
}
