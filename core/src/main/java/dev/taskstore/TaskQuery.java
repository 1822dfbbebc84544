package dev.taskstore;

import java.util.Objects;
import java.util.Optional;

/**
 * A page request for tasks: a filter, a sort, a page size, and where to start, either an offset or the
 * opaque cursor of a previous {@link Page} (keyset pagination, which stays fast and stable on large tables
 * while rows are inserted). Offset and cursor cannot be combined.
 *
 * <pre>{@code
 * Page<TaskRead> first = store.tasks().list(TaskQuery.builder().filter(TaskFilter.completed(false)).limit(50).build());
 * Page<TaskRead> next = store.tasks().list(TaskQuery.builder().filter(TaskFilter.completed(false)).limit(50)
 *     .after(first.nextCursor().orElseThrow()).build());
 * }</pre>
 *
 * @param filter which tasks
 * @param sort their order
 * @param limit the page size: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} by default
 * @param offset rows to skip: 0 to {@value #MAX_OFFSET}
 * @param cursor where the previous page ended, or empty to start at the beginning
 */
public record TaskQuery(TaskFilter filter, TaskSort sort, int limit, long offset, Optional<String> cursor) {

  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 50;
  /** The largest page size accepted. */
  public static final int MAX_LIMIT = 1000;
  /** The largest offset accepted; page deeper with a cursor. */
  public static final long MAX_OFFSET = 100_000;

  /**
   * Validates the request.
   *
   * @param filter which tasks
   * @param sort their order
   * @param limit the page size: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} by default
   * @param offset rows to skip: 0 to {@value #MAX_OFFSET}
   * @param cursor where the previous page ended, or empty to start at the beginning
   * @throws ValidationException naming the field when a value breaks a rule
   */
  public TaskQuery {
    filter = Objects.requireNonNullElse(filter, TaskFilter.all());
    sort = Objects.requireNonNullElse(sort, TaskSort.ID_ASC);
    cursor = Objects.requireNonNullElse(cursor, Optional.empty());
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new ValidationException("offset", "must be between 0 and " + MAX_OFFSET
          + " (use a cursor to page further)");
    }
    if (offset > 0 && cursor.isPresent()) {
      throw new ValidationException("cursor", "cannot be combined with an offset");
    }
  }

  /**
   * The first page of all tasks, by id, {@value #DEFAULT_LIMIT} at a time.
   *
   * @return the default query
   */
  public static TaskQuery firstPage() {
    return builder().build();
  }

  /**
   * A builder with the defaults: all tasks, by id, {@value #DEFAULT_LIMIT} a page, from the start.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TaskQuery}. */
  public static final class Builder {
    private TaskFilter filter = TaskFilter.all();
    private TaskSort sort = TaskSort.ID_ASC;
    private int limit = DEFAULT_LIMIT;
    private long offset;
    private String cursor;

    private Builder() {}

    /**
     * Which tasks.
     *
     * @param filter the filter
     * @return this builder
     */
    public Builder filter(TaskFilter filter) {
      this.filter = filter;
      return this;
    }

    /**
     * Their order.
     *
     * @param sort the sort
     * @return this builder
     */
    public Builder sort(TaskSort sort) {
      this.sort = sort;
      return this;
    }

    /**
     * The page size.
     *
     * @param limit 1 to {@value TaskQuery#MAX_LIMIT}
     * @return this builder
     */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Rows to skip (offset pagination).
     *
     * @param offset 0 to {@value TaskQuery#MAX_OFFSET}
     * @return this builder
     */
    public Builder offset(long offset) {
      this.offset = offset;
      return this;
    }

    /**
     * Continue after the page that returned this cursor (keyset pagination). The cursor is only valid with
     * the same filter and sort.
     *
     * @param cursor a {@link Page#nextCursor()} value, or null to start at the beginning
     * @return this builder
     */
    public Builder after(String cursor) {
      this.cursor = cursor;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the query
     * @throws ValidationException naming the field when a value breaks a rule
     */
    public TaskQuery build() {
      return new TaskQuery(filter, sort, limit, offset, Optional.ofNullable(cursor));
    }
  }
}
