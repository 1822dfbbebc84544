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
 * @param search only tasks whose title or description matches this full-text search (see
 *     {@link Builder#search(String)})
 */
public record TaskFilter(
    Optional<Boolean> completed,
    Optional<Priority> priority,
    Optional<Long> userId,
    Optional<Instant> dueBefore,
    Optional<Instant> dueAfter,
    Optional<String> titleContains,
    Optional<String> search) {

  /** The longest search term accepted, in characters: far more than a search box holds. */
  public static final int MAX_SEARCH_LENGTH = 1000;

  private static final TaskFilter ALL = new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

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
   * @param search only tasks whose title or description matches this full-text search: not blank, at most
   *     {@value #MAX_SEARCH_LENGTH} characters (see {@link Builder#search(String)})
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
    search = Objects.requireNonNullElse(search, Optional.empty());
    search.ifPresent(t -> Checks.nonBlankText("search", t, MAX_SEARCH_LENGTH));
  }

  /**
   * A filter without a search term (the filter as it was before full-text search).
   *
   * @param completed only tasks with this completion state
   * @param priority only tasks of this priority
   * @param userId only tasks of this user
   * @param dueBefore only tasks due strictly before this instant
   * @param dueAfter only tasks due at or after this instant
   * @param titleContains only tasks whose title contains this text, ignoring letter case
   * @throws ValidationException naming the field when a value breaks a rule
   */
  public TaskFilter(Optional<Boolean> completed, Optional<Priority> priority, Optional<Long> userId,
      Optional<Instant> dueBefore, Optional<Instant> dueAfter, Optional<String> titleContains) {
    this(completed, priority, userId, dueBefore, dueAfter, titleContains, Optional.empty());
  }

  /**
   * Tasks whose title or description matches a full-text search: {@code builder().search(terms).build()}.
   *
   * @param terms the search, as a user types it into a search box
   * @return the filter
   * @throws ValidationException naming {@code search} when the terms are null, blank or too long
   */
  public static TaskFilter search(String terms) {
    return builder().search(Checks.required("search", terms)).build();
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
    private String search;

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
     * Only tasks whose title or description matches this full-text search. The terms are read the way a web
     * search box reads them (PostgreSQL's {@code websearch_to_tsquery}): words must all appear,
     * {@code "quoted words"} as a phrase, {@code or} between alternatives, {@code -word} must not appear. Any
     * text is a valid search, never a syntax error. A task matches only when it holds a word searched for:
     * terms with no word to find (only operators, punctuation or excluded words, such as {@code "" - OR} or
     * {@code -draft}) match no task, an empty page and a count of 0. Words are compared case-insensitively and without stemming or
     * stop words (the {@code simple} text search configuration), so it works the same for every language.
     * Combined with the other conditions, and sortable by {@link TaskSort#RELEVANCE}.
     *
     * @param terms the search, not blank, at most {@value TaskFilter#MAX_SEARCH_LENGTH} characters, or null
     *     for none
     * @return this builder
     */
    public Builder search(String terms) {
      this.search = terms;
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
          Optional.ofNullable(titleContains), Optional.ofNullable(search));
    }
  }
}
