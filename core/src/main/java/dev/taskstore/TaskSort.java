package dev.taskstore;

/**
 * The orders a task list can be sorted in. Each is total (ties broken by id), so pagination neither repeats
 * nor skips a row.
 */
public enum TaskSort {
  /** Oldest id first: the default. */
  ID_ASC,
  /** Newest id first. */
  ID_DESC,
  /** Earliest {@code created_at} first, then by id. */
  CREATED_AT_ASC,
  /** Latest {@code created_at} first, then by id descending. */
  CREATED_AT_DESC,
  /**
   * Best match of the filter's {@link TaskFilter#search() search} first (PostgreSQL's {@code ts_rank}, title
   * words weighing more than description words), then by id descending. Only with a search: a query with this
   * sort and no search term is a {@link ValidationException} naming {@code sort}.
   */
  RELEVANCE
}
