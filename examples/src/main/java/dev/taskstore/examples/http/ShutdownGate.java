package dev.taskstore.examples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.taskstore.examples.http.JsonBodies.ErrorJson;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Counts the requests in flight so that shutdown can let them finish. Once {@link #drain} is called, new
 * requests are answered 503 with {@code Connection: close} instead of reaching the routes.
 *
 * <p>The JDK's {@code HttpServer.stop(delay)} cannot do this on Java 17: it waits the whole delay even when
 * nothing is in flight (JDK-8304065, fixed in Java 21).
 */
final class ShutdownGate implements HttpHandler {

  private final HttpHandler next;
  private final Object lock = new Object();
  private int inFlight;
  private boolean draining;

  ShutdownGate(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    boolean admitted;
    synchronized (lock) {
      admitted = !draining;
      if (admitted) {
        inFlight++;
      }
    }
    if (!admitted) {
      refuse(exchange);
      return;
    }
    try {
      next.handle(exchange);
    } finally {
      synchronized (lock) {
        inFlight--;
        lock.notifyAll();
      }
    }
  }

  /**
   * Refuses new requests from now on and waits for those in flight.
   *
   * @param timeout the longest wait
   * @return true when every request finished in time
   */
  boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      draining = true;
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  private static void refuse(HttpExchange exchange) throws IOException {
    Router.write(exchange, new Response(503,
        ErrorJson.of("unavailable", "the service is shutting down"), Map.of("Connection", "close")));
  }
}
