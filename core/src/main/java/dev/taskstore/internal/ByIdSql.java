package dev.taskstore.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The statements that address one row of an entity by its id, as {@link ByIdRepository} runs them. Not public
 * API.
 *
 * @param <R> the entity's record
 */
interface ByIdSql<R> {

  /** The row with this id; empty when there is none. */
  Optional<R> findById(Connection c, long id) throws SQLException;

  /** Deletes the row with this id; whether there was one. */
  boolean delete(Connection c, long id) throws SQLException;
}
