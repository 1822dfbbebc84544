package dev.taskstore;

import java.util.Optional;

/**
 * A task joined with the user who owns it: the guide's {@code select(Task, User).join(User)}.
 *
 * @param task the task
 * @param user its owner, or empty when the task has none
 */
public record TaskWithUser(TaskRead task, Optional<UserRead> user) {}
