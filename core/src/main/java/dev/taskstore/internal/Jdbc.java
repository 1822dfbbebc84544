package dev.taskstore.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The shapes of plain JDBC that statements of several tables share: a change by ids, and one row with the rows
 * a left join gives it. Not public API.
 */
final class Jdbc {

  private Jdbc() {}

  /** Reads one value from a JDBC row, starting at column {@code first}. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs, int first) throws SQLException;
  }

  /** Runs a change whose bind values are {@code ids}, in order; whether it changed a row. */
  static boolean changed(Connection c, String sql, long... ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < ids.length; i++) {
        ps.setLong(i + 1, ids[i]);
      }
      return ps.executeUpdate() > 0;
    }
  }

  /**
   * One row and its related rows, from a query by {@code id} that left-joins them: the first row's columns from
   * 1 are the parent ({@code parent}), each row's columns from {@code childColumn} a child or nulls
   * ({@code child}, read only when the child's first column, its id, is not null). Empty when there is no row.
   */
  static <P, C, R> Optional<R> withChildren(Connection c, String sql, long id, RowReader<P> parent,
      int childColumn, RowReader<C> child, BiFunction<P, List<C>, R> combine) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        P first = parent.read(rs, 1);
        List<C> children = new ArrayList<>();
        do {
          rs.getLong(childColumn);
          if (!rs.wasNull()) {
            children.add(child.read(rs, childColumn));
          }
        } while (rs.next());
        return Optional.of(combine.apply(first, children));
      }
    }
  }
}
