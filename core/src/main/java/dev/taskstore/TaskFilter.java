package dev.taskstore;

import dev.taskstore.spi.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tasks a list or count covers. Every condition is optional; the ones present must all hold.
 * {@link #all()} matches every task.
 *
 * <pre>{@code
 * TaskFilter open = TaskFilter.builder().completed(false).priority(Priority.HIGH).build();
 * }</pre>
 *
 * @param completed only tasks with this completion state
 * @param priority only tasks of this priority
 * @param userId only tasks of this user
 * @param dueBefore only tasks due strictly before this instant (tasks without a due date never match)
 * @param dueAfter only tasks due at or after this instant (tasks without a due date never match)
 * @param titleContains only tasks whose title contains this text, ignoring letter case; the text is matched
 *     literally ({@code %}, {@code _} and {@code \} are not wildcards)
 */
public record TaskFilter(
    Optional<Boolean> completed,
    Optional<Priority> priority,
    Optional<Long> userId,
    Optional<Instant> dueBefore,
    Optional<Instant> dueAfter,
    Optional<String> titleContains) {

  private static final TaskFilter ALL = new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Validates the conditions.
   *
   * @param completed only tasks with this completion state
   * @param priority only tasks of this priority
   * @param userId only tasks of this user
   * @param dueBefore only tasks due strictly before this instant (tasks without a due date never match)
   * @param dueAfter only tasks due at or after this instant (tasks without a due date never match)
   * @param titleContains only tasks whose title contains this text, ignoring letter case; the text is matched
   *     literally ({@code %}, {@code _} and {@code \} are not wildcards)
   * @throws ValidationException naming the field when a value breaks a rule
   */
  public TaskFilter {
    completed = Objects.requireNonNullElse(completed, Optional.empty());
    priority = Objects.requireNonNullElse(priority, Optional.empty());
    userId = Objects.requireNonNullElse(userId, Optional.empty());
    userId.ifPresent(id -> Checks.id("userId", id));
    dueBefore = Objects.requireNonNullElse(dueBefore, Optional.<Instant>empty())
        .map(d -> Checks.instant("dueBefore", d));
    dueAfter = Objects.requireNonNullElse(dueAfter, Optional.<Instant>empty())
        .map(d -> Checks.instant("dueAfter", d));
    titleContains = Objects.requireNonNullElse(titleContains, Optional.empty());
    titleContains.ifPresent(t -> Checks.text("titleContains", t, TaskBase.MAX_TITLE_LENGTH));
  }

  /**
   * The filter that matches every task.
   *
   * @return the empty filter
   */
  public static TaskFilter all() {
    return ALL;
  }

  /**
   * Tasks with the given completion state: the guide's {@code where(Task.completed == True)}.
   *
   * @param completed the state
   * @return the filter
   */
  public static TaskFilter completed(boolean completed) {
    return builder().completed(completed).build();
  }

  /**
   * A builder with no condition set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TaskFilter}. */
  public static final class Builder {
    private Boolean completed;
    private Priority priority;
    private Long userId;
    private Instant dueBefore;
    private Instant dueAfter;
    private String titleContains;

    private Builder() {}

    /**
     * Only tasks with this completion state.
     *
     * @param completed the state, or null for either
     * @return this builder
     */
    public Builder completed(Boolean completed) {
      this.completed = completed;
      return this;
    }

    /**
     * Only tasks of this priority.
     *
     * @param priority the priority, or null for any
     * @return this builder
     */
    public Builder priority(Priority priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Only tasks of this user.
     *
     * @param userId the user's id, or null for any
     * @return this builder
     */
    public Builder userId(Long userId) {
      this.userId = userId;
      return this;
    }

    /**
     * Only tasks due strictly before this instant.
     *
     * @param dueBefore the bound, or null for none
     * @return this builder
     */
    public Builder dueBefore(Instant dueBefore) {
      this.dueBefore = dueBefore;
      return this;
    }

    /**
     * Only tasks due at or after this instant.
     *
     * @param dueAfter the bound, or null for none
     * @return this builder
     */
    public Builder dueAfter(Instant dueAfter) {
      this.dueAfter = dueAfter;
      return this;
    }

    /**
     * Only tasks whose title contains this text (case-insensitive, literal).
     *
     * @param text the text, or null for any title
     * @return this builder
     */
    public Builder titleContains(String text) {
      this.titleContains = text;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the filter
     * @throws ValidationException naming the field when a value breaks a rule
     */
    public TaskFilter build() {
      return new TaskFilter(Optional.ofNullable(completed), Optional.ofNullable(priority),
          Optional.ofNullable(userId), Optional.ofNullable(dueBefore), Optional.ofNullable(dueAfter),
          Optional.ofNullable(titleContains));
    }
  }
}
