package dev.taskstore.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reports database calls, around every call the statement runner makes ({@link Database}
 * outside a transaction, {@link JdbcTransaction} inside one): DEBUG on logger {@code dev.taskstore.sql} names
 * the operation, its verb and table, how long it took and, when it failed, the exception's type; WARN when a
 * call took longer than the store's {@code slowCallThreshold}. Never SQL values or passwords. With DEBUG off and
 * no threshold it costs a branch. Not public API.
 */
final class StatementLog {

  private static final Logger log = LoggerFactory.getLogger("dev.taskstore.sql");

  private final long slowNanos;

  /** @param slowThreshold the duration above which a call is logged at WARN; zero for never */
  StatementLog(Duration slowThreshold) {
    this.slowNanos = slowThreshold.isZero() ? Long.MAX_VALUE : slowThreshold.toNanos();
  }

  /** The start of a call: a timestamp when anything will be reported, else 0. */
  long start() {
    return slowNanos != Long.MAX_VALUE || log.isDebugEnabled() ? System.nanoTime() : 0;
  }

  /** The end of a call that began at {@code start} (0: nothing to report); {@code failure} null on success. */
  void end(Op op, long start, Throwable failure) {
    if (start == 0) {
      return;
    }
    long nanos = System.nanoTime() - start;
    if (nanos > slowNanos) {
      log.warn("slow database call: {} ({}) took {} ms, over slowCallThreshold={} ms{}", op.name(), op.summary(),
          nanos / 1_000_000, slowNanos / 1_000_000, failure == null ? "" : "; failed with "
              + failure.getClass().getSimpleName());
    } else if (log.isDebugEnabled()) {
      log.debug("{} ({}) {} in {} µs", op.name(), op.summary(),
          failure == null ? "ok" : "failed with " + failure.getClass().getSimpleName(), nanos / 1_000);
    }
  }
}
