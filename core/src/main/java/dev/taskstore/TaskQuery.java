package dev.taskstore;

import java.util.Objects;
import java.util.Optional;

/**
 * A page request for tasks: a filter, a sort, a page size, and where to start: an offset, or the opaque cursor
 * of a {@link Page} to continue after ({@link Builder#after(String)}, a {@link Page#nextCursor()}) or to page
 * back before ({@link Builder#before(String)}, a {@link Page#previousCursor()}). Cursors give keyset
 * pagination, which stays fast and stable on large tables while rows are inserted, in both directions. Offset
 * and cursors cannot be combined.
 *
 * <pre>{@code
 * TaskQuery.Builder open = TaskQuery.builder().filter(TaskFilter.completed(false)).limit(50);
 * Page<TaskRead> first = store.tasks().list(open.build());
 * Page<TaskRead> second = store.tasks().list(open.after(first.nextCursor().orElseThrow()).build());
 * Page<TaskRead> firstAgain = store.tasks().list(open.before(second.previousCursor().orElseThrow()).build());
 * }</pre>
 *
 * @param filter which tasks
 * @param sort their order
 * @param limit the page size: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} by default
 * @param offset rows to skip: 0 to {@value #MAX_OFFSET}
 * @param cursor where the previous page ended (a {@link Page#nextCursor()}), or empty
 * @param before where the next page began (a {@link Page#previousCursor()}): the page is the rows just
 *     before it, in the query's order; or empty
 */
public record TaskQuery(TaskFilter filter, TaskSort sort, int limit, long offset, Optional<String> cursor,
    Optional<String> before) {

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
   * @param cursor where the previous page ended (a {@link Page#nextCursor()}), or empty
   * @param before where the next page began (a {@link Page#previousCursor()}), or empty
   * @throws ValidationException naming the field when a value breaks a rule: {@code sort} for
   *     {@link TaskSort#RELEVANCE} without a search, {@code before} with an offset or an after cursor
   */
  public TaskQuery {
    filter = Objects.requireNonNullElse(filter, TaskFilter.all());
    sort = Objects.requireNonNullElse(sort, TaskSort.ID_ASC);
    cursor = Objects.requireNonNullElse(cursor, Optional.empty());
    before = Objects.requireNonNullElse(before, Optional.empty());
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
    if (before.isPresent() && cursor.isPresent()) {
      throw new ValidationException("before", "cannot be combined with an after cursor");
    }
    if (before.isPresent() && offset > 0) {
      throw new ValidationException("before", "cannot be combined with an offset");
    }
    if (sort == TaskSort.RELEVANCE && filter.search().isEmpty()) {
      throw new ValidationException("sort", "RELEVANCE needs a search term in the filter");
    }
  }

  /**
   * A request that pages forward only (the request as it was before paging back existed).
   *
   * @param filter which tasks
   * @param sort their order
   * @param limit the page size: 1 to {@value #MAX_LIMIT}
   * @param offset rows to skip: 0 to {@value #MAX_OFFSET}
   * @param cursor where the previous page ended, or empty to start at the beginning
   * @throws ValidationException naming the field when a value breaks a rule
   */
  public TaskQuery(TaskFilter filter, TaskSort sort, int limit, long offset, Optional<String> cursor) {
    this(filter, sort, limit, offset, cursor, Optional.empty());
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
    private String before;

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
     * the same filter and sort. Clears a {@link #before(String)} cursor, so that one builder can walk both ways.
     *
     * @param cursor a {@link Page#nextCursor()} value, or null to start at the beginning
     * @return this builder
     */
    public Builder after(String cursor) {
      this.cursor = cursor;
      this.before = null;
      return this;
    }

    /**
     * Page back: the rows just before the page that returned this cursor, still in the query's order (keyset
     * pagination, with the same guarantees as {@link #after(String)}). The cursor is only valid with the same
     * filter and sort, and only here: a next cursor passed here, or a previous cursor passed to
     * {@code after}, is a {@link ValidationException} naming {@code cursor}. Clears an {@code after} cursor.
     *
     * @param cursor a {@link Page#previousCursor()} value, or null to start at the beginning
     * @return this builder
     */
    public Builder before(String cursor) {
      this.before = cursor;
      this.cursor = null;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the query
     * @throws ValidationException naming the field when a value breaks a rule
     */
    public TaskQuery build() {
      return new TaskQuery(filter, sort, limit, offset, Optional.ofNullable(cursor), Optional.ofNullable(before));
    }
  }
}
