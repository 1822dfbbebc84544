package dev.taskstore;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the round trips the current thread makes to PostgreSQL, from pgjdbc's own protocol trace: every
 * extended-protocol exchange ends with one {@code Sync} message, after which the driver waits for the
 * server's answer. HikariCP's liveness check of an idle connection ({@code isValid}, a simple query without
 * a Sync) is not counted: it belongs to the pool's policy, not to the operation.
 */
final class RoundTrips {

  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static final Logger PROTOCOL = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

  private RoundTrips() {}

  /** Runs the work on this thread and returns how many round trips it made. */
  static int of(Runnable work) {
    return counted(() -> {
      work.run();
      return null;
    }).roundTrips();
  }

  /** Runs the work on this thread and returns its result with the number of round trips it made. */
  static synchronized <T> Counted<T> counted(Supplier<T> work) {
    Thread me = Thread.currentThread();
    AtomicInteger syncs = new AtomicInteger();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (Thread.currentThread() == me && "FE=> Sync".equals(r.getMessage().trim())) {
          syncs.incrementAndGet();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    handler.setLevel(Level.ALL);
    Level before = PROTOCOL.getLevel();
    PROTOCOL.addHandler(handler);
    PROTOCOL.setLevel(Level.FINEST);
    try {
      T result = work.get();
      return new Counted<>(result, syncs.get());
    } finally {
      PROTOCOL.setLevel(before);
      PROTOCOL.removeHandler(handler);
    }
  }

  /** A result and the round trips it took. */
  record Counted<T>(T value, int roundTrips) {}
}
