package dev.taskstore.internal;

import dev.taskstore.Page;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reports database calls, around every call the statement runner makes ({@link Database}
 * outside a transaction, {@link JdbcTransaction} inside one): DEBUG on logger {@code dev.taskstore.sql} names
 * the operation, its verb and table, the rows it returned or changed, how long it took and, when it failed, the
 * exception's type; TRACE adds the parameterised SQL (placeholders, never values); WARN when a call took longer
 * than the store's {@code slowCallThreshold}. Never bound values or passwords. With DEBUG off and no threshold
 * it costs a branch. Not public API.
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

  /** Whether the log shows the SQL of calls now (TRACE). */
  boolean showsSql() {
    return log.isTraceEnabled();
  }

  /**
   * The end of a call that began at {@code start} (0: nothing to report); {@code failure} null on success,
   * {@code result} what it returned, {@code sql} its parameterised SQL when recorded, else null.
   */
  void end(Op op, long start, Throwable failure, Object result, String sql) {
    if (start == 0) {
      return;
    }
    long nanos = System.nanoTime() - start;
    if (nanos > slowNanos) {
      log.warn("slow database call: {} ({}) took {} ms, over slowCallThreshold={} ms{}", op.name(), op.summary(),
          nanos / 1_000_000, slowNanos / 1_000_000, failure == null ? "" : "; failed with "
              + failure.getClass().getSimpleName());
    } else if (log.isDebugEnabled()) {
      String outcome = failure == null ? rows(op, result) : "failed with " + failure.getClass().getSimpleName();
      if (sql != null && log.isTraceEnabled()) {
        log.trace("{} ({}) {} in {} µs: {}", op.name(), op.summary(), outcome, nanos / 1_000, sql);
      } else {
        log.debug("{} ({}) {} in {} µs", op.name(), op.summary(), outcome, nanos / 1_000);
      }
    }
  }

  /**
   * The rows a call returned or changed, read from what it returned: a list's or page's size, an optional's
   * presence, a map's entries, a yes/no of a delete; one for a single row or a count. A JDBC step's result is the caller's.
   */
  private static String rows(Op op, Object result) {
    if (op == Op.JDBC) {
      return "ok";
    }
    if (op == Op.MIGRATE) {
      return result + " migrations applied";
    }
    long rows;
    if (result == null) {
      rows = 0;
    } else if (result instanceof Collection<?> c) {
      rows = c.size();
    } else if (result instanceof Map<?, ?> m) {
      rows = m.size();
    } else if (result instanceof Page<?> p) {
      rows = p.items().size();
    } else if (result instanceof Optional<?> o) {
      rows = o.isPresent() ? 1 : 0;
    } else if (result instanceof Boolean b) {
      rows = b ? 1 : 0;
    } else if (result instanceof int[] counts) {
      rows = counts.length;
    } else {
      rows = 1;
    }
    return rows == 1 ? "1 row" : rows + " rows";
  }
}
