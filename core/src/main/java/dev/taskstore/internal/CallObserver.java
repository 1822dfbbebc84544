package dev.taskstore.internal;

/**
 * Reports database calls to an application's tracing or metrics, when it gave taskstore its registry: a
 * store without one has no observer, and none of the library behind one is loaded. Not public API.
 */
interface CallObserver {

  /** Starts a call (the current one on this thread becomes its parent); returns the handle {@link #stop} takes. */
  Object start(Op op);

  /**
   * Ends a call; {@code failure} is the translated exception (or an error), or null; {@code queryText} the
   * parameterised SQL it ran when the store records it ({@code db.query.text}), else null. Never throws.
   */
  void stop(Object handle, Throwable failure, String queryText);

  /** The current call or transaction on this thread, to carry to another thread; null when there is none. */
  Object current();

  /** Runs {@code work} with {@code parent} (from {@link #current}) as the current one, on this thread. */
  void runWithin(Object parent, Runnable work);
}
