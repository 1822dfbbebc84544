package dev.taskstore.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WARN for a condition an operator must act on (an exhausted pool, a lagging replica) that may hold for many
 * calls at once: logged at most once per interval, with how many repeats it stood for since the last line, so a
 * flood of failing calls cannot flood the log. Not public API.
 */
final class OperatorWarning {

  /** The least time between two lines of one warning. */
  static final long INTERVAL_NANOS = 10_000_000_000L;

  private final Logger log;
  private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
  private final AtomicLong suppressed = new AtomicLong();

  /** @param logger the logger's name, e.g. {@code dev.taskstore.pool} */
  OperatorWarning(String logger) {
    this.log = LoggerFactory.getLogger(logger);
  }

  /** Logs {@code message} at WARN unless this warning was logged within the interval (then counts it). */
  void warn(String message) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
      long repeats = suppressed.getAndSet(0);
      if (repeats == 0) {
        log.warn(message);
      } else {
        log.warn("{} ({} more like it since the last warning)", message, repeats);
      }
    } else {
      suppressed.incrementAndGet();
    }
  }
}
