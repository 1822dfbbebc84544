package dev.taskstore.internal;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * How a repository reaches the database: either one pooled connection per call (outside a transaction) or
 * the connection of the caller's transaction. Every failure comes out translated. Not public API.
 */
public interface SqlAccess {

  /** Runs one statement (or several that need no transaction of their own). */
  <T> T call(Function<DSLContext, T> work);

  /** Runs several statements that must succeed or fail together. */
  <T> T atomic(Function<DSLContext, T> work);
}
