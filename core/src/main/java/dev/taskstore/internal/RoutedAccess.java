package dev.taskstore.internal;

import dev.taskstore.JdbcCallback;
import dev.taskstore.TransactionCallback;
import dev.taskstore.TransactionOptions;
import dev.taskstore.spi.Checks;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * A store's repositories with their reads routed otherwise than by default: all to the primary, to any
 * replica however stale, or to a replica that has replayed a consistency token's position. Writes go to the
 * primary as always. Not public API.
 */
final class RoutedAccess implements SqlAccess, RepositoriesOf {

  /** How reads are routed. */
  enum Mode { PRIMARY, STALE, CONSISTENT }

  private final Database db;
  private final Mode mode;
  private final long tokenLsn;
  private final RepositorySet repositories;

  RoutedAccess(Database db, Mode mode, long tokenLsn) {
    this.db = db;
    this.mode = mode;
    this.tokenLsn = tokenLsn;
    this.repositories = RepositorySet.over(this, db.schemaSql());
  }

  /** The position a read must see: a token's reads see the store's own writes as well. */
  private long floor() {
    return switch (mode) {
      case PRIMARY -> Database.PRIMARY;
      case STALE -> 0;
      case CONSISTENT -> Math.max(tokenLsn, db.readFloor());
    };
  }

  @Override
  public RepositorySet repositories() {
    return repositories;
  }

  @Override
  public <T> T call(Op op, Function<DSLContext, T> work) {
    return db.call(op, work, floor());
  }

  @Override
  public <T> T withConnection(Op op, JdbcWork<T> work) {
    return db.withConnection(op, work, floor());
  }

  @Override
  public <T> T atomic(Function<SqlAccess, T> work) {
    return db.transactions().run(TransactionOptions.defaults(), tx -> work.apply((JdbcTransaction) tx), floor());
  }

  @Override
  public <T> T jdbc(JdbcCallback<T> work) {
    Checks.required("work", work);
    return db.transactions().run(TransactionOptions.defaults(), tx -> tx.jdbc(work), floor());
  }

  @Override
  public <T> T inTransaction(TransactionOptions options, TransactionCallback<T> block) {
    return db.transactions().run(options, block, floor());
  }
}
