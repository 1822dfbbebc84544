package dev.taskstore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * SQL that the public API has no call for, run inside a transaction callback through the store's own
 * connection (its JDBC step), plus small waiting helpers.
 */
public final class TestSql {

  private TestSql() {}

  /** {@code SELECT pg_sleep(seconds)} on the transaction's connection. */
  public static Void sleep(Transaction tx, double seconds) {
    return tx.jdbc(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_sleep(?)")) {
        ps.setDouble(1, seconds);
        ps.execute();
        return null;
      }
    });
  }

  /** The server process id of the transaction's connection. */
  public static long backendPid(Transaction tx) {
    return tx.jdbc(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** How many server backends have this application name (the store's pool name). */
  public static long backends(String applicationName) {
    return TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
        + applicationName.replace("'", "''") + "'");
  }

  /** Waits until the condition holds; fails after the timeout. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Waits for the latch; fails after 10 s. */
  public static void await(CountDownLatch latch) {
    await(latch, Duration.ofSeconds(10));
  }

  /** Waits for the latch; fails after the timeout. */
  public static void await(CountDownLatch latch, Duration timeout) {
    try {
      if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for a latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for a latch", e);
    }
  }

  /** A TCP port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Milliseconds since {@code startNanos}. */
  public static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
