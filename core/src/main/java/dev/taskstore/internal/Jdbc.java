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
 * The shapes of plain JDBC that statements of several tables share: a row or none, the row an insert returns, a
 * change by ids, and one row with the rows a left join gives it. (The hot task statements keep their own code:
 * a binder lambda would cost each call an allocation.) Not public API.
 */
final class Jdbc {

  private Jdbc() {}

  /** Reads one value from a JDBC row, starting at column {@code first}. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs, int first) throws SQLException;
  }

  /** Binds a statement's values. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** The first row of a query, read from column 1; empty when there is none. */
  static <T> Optional<T> optional(Connection c, String sql, Binder bind, RowReader<T> row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row.read(rs, 1)) : Optional.empty();
      }
    }
  }

  /** The row a statement always returns (an {@code INSERT … RETURNING}), read from column 1. */
  static <T> T returned(Connection c, String sql, Binder bind, RowReader<T> row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return row.read(rs, 1);
      }
    }
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
