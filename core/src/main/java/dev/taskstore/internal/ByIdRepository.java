package dev.taskstore.internal;

import dev.taskstore.NotFoundException;
import java.util.Optional;

/**
 * What the user and team repositories do alike: reach the database through one {@link SqlAccess}, and find,
 * get and delete a row by its id. Tasks keep their own path ({@link JooqTaskRepository}). Not public API.
 *
 * @param <R> the entity's record
 * @param <S> the entity's statements
 */
abstract class ByIdRepository<R, S extends ByIdSql<R>> {

  /** How the repository reaches the database. */
  final SqlAccess sql;
  /** The entity's statements, rendered in advance. */
  final S statements;
  private final String entity;
  private final Op find;
  private final Op delete;

  /**
   * A repository of the rows {@code entity} names in a {@link NotFoundException} (e.g. {@code "user"}), run
   * through {@code sql}, whose by-id calls are reported as {@code find} and {@code delete}.
   */
  ByIdRepository(SqlAccess sql, S statements, String entity, Op find, Op delete) {
    this.sql = sql;
    this.statements = statements;
    this.entity = entity;
    this.find = find;
    this.delete = delete;
  }

  /** The row with this id; empty when there is none. */
  public Optional<R> findById(long id) {
    return sql.withConnection(find, c -> statements.findById(c, id));
  }

  /**
   * The row with this id.
   *
   * @throws NotFoundException when there is none, naming the entity and the id
   */
  public R get(long id) {
    return findById(id).orElseThrow(() -> new NotFoundException(entity, id));
  }

  /** Deletes the row with this id; whether there was one. */
  public boolean delete(long id) {
    return sql.withConnection(delete, c -> statements.delete(c, id));
  }
}
