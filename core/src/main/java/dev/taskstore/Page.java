package dev.taskstore;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param items the rows of this page, in the query's order
 * @param nextCursor the cursor to pass to {@link TaskQuery.Builder#after(String)} for the next page, or
 *     empty when this page is the last
 * @param <T> the row type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  /**
   * Copies the list, so the page stays immutable.
   *
   * @param items the rows of this page, in the query's order
   * @param nextCursor the cursor to pass to {@link TaskQuery.Builder#after(String)} for the next page, or
   *     empty when this page is the last (null is taken as empty)
   */
  public Page {
    items = List.copyOf(items);
    nextCursor = nextCursor == null ? Optional.empty() : nextCursor;
  }
}
