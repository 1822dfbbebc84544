package dev.taskstore.internal;

import dev.taskstore.Page;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskSort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Makes a {@link Page} and its cursors from the rows a page query read, forward or backward: the rows in the
 * query's order, a next cursor after the last, a previous cursor before the first. Not public API.
 */
final class KeysetPage {

  private KeysetPage() {}

  /** A row of a page with what its cursors hold: its id and sort key. */
  record Keyed<T>(T row, long id, long key) {}

  /** A row of a JDBC page: its sort key is read from the task, and the relevance from {@code rankColumn}. */
  static <T> Keyed<T> keyed(TaskQuery query, T row, TaskRead task, ResultSet rs, int rankColumn)
      throws SQLException {
    float rank = query.sort() == TaskSort.RELEVANCE ? rs.getFloat(rankColumn) : 0f;
    return new Keyed<>(row, task.id(), TaskQueries.key(query.sort(), task.createdAt(), rank));
  }

  /**
   * The page of up to {@code limit + 1} rows read in the query's order, or, when paging back, in reverse (the
   * row nearest the cursor first): the extra row only says that there are more rows that way.
   */
  static <T> Page<T> of(TaskQuery query, List<Keyed<T>> rows) {
    boolean more = rows.size() > query.limit();
    List<Keyed<T>> kept = new ArrayList<>(more ? rows.subList(0, query.limit()) : rows);
    if (kept.isEmpty()) {
      return new Page<>(List.of(), Optional.empty(), Optional.empty());
    }
    boolean backward = TaskQueries.backward(query);
    if (backward) {
      Collections.reverse(kept);
    }
    List<T> items = new ArrayList<>(kept.size());
    for (Keyed<T> k : kept) {
      items.add(k.row());
    }
    Keyed<T> first = kept.get(0);
    Keyed<T> last = kept.get(kept.size() - 1);
    // Read backwards, the page ends where the cursor's page began, so a next page exists; read forwards, a
    // page that did not start at the beginning has a previous one.
    boolean hasNext = backward || more;
    boolean hasPrevious = backward ? more : query.cursor().isPresent() || query.offset() > 0;
    return new Page<>(items,
        hasNext ? Optional.of(TaskQueries.cursorAt(query, last.id(), last.key(), false)) : Optional.empty(),
        hasPrevious ? Optional.of(TaskQueries.cursorAt(query, first.id(), first.key(), true)) : Optional.empty());
  }
}
