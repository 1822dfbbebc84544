package dev.taskstore;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list. The items are always in the query's order, whichever way the page was read. Each cursor
 * is bound to the query's filter and sort and to its direction: a next cursor goes to
 * {@link TaskQuery.Builder#after(String)}, a previous cursor to {@link TaskQuery.Builder#before(String)}. An
 * empty page (past the end, or every row of the range deleted meanwhile) has neither: start again from the
 * first page.
 *
 * @param items the rows of this page, in the query's order
 * @param nextCursor the cursor to pass to {@link TaskQuery.Builder#after(String)} for the next page, or
 *     empty when this page is the last
 * @param previousCursor the cursor to pass to {@link TaskQuery.Builder#before(String)} for the page before
 *     this one, or empty when this page is the first (read without a cursor or offset, or read backwards
 *     up to the first row)
 * @param <T> the row type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, Optional<String> previousCursor) {

  /**
   * Copies the list, so the page stays immutable.
   *
   * @param items the rows of this page, in the query's order
   * @param nextCursor the cursor to pass to {@link TaskQuery.Builder#after(String)} for the next page, or
   *     empty when this page is the last (null is taken as empty)
   * @param previousCursor the cursor to pass to {@link TaskQuery.Builder#before(String)} for the previous
   *     page, or empty when this page is the first (null is taken as empty)
   */
  public Page {
    items = List.copyOf(items);
    nextCursor = nextCursor == null ? Optional.empty() : nextCursor;
    previousCursor = previousCursor == null ? Optional.empty() : previousCursor;
  }

  /**
   * A page without a previous page.
   *
   * @param items the rows of this page, in the query's order
   * @param nextCursor the cursor for the next page, or empty when this page is the last (null is taken as
   *     empty)
   */
  public Page(List<T> items, Optional<String> nextCursor) {
    this(items, nextCursor, Optional.empty());
  }
}
