package dev.taskstore.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.taskstore.examples.http.ApiClient.Reply;
import dev.taskstore.examples.http.JsonBodies.CountJson;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: a request in flight finishes, new ones are refused with 503. */
class ShutdownGateTest {

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private HttpServer server;
  private ShutdownGate gate;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    gate = new ShutdownGate(exchange -> {
      if (exchange.getRequestURI().getPath().equals("/slow")) {
        entered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Router.write(exchange, Response.ok(new CountJson(1)));
    });
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext("/", gate);
    server.setExecutor(threads);
    server.start();
    api = new ApiClient(server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  @Test
  void drainWaitsForTheRequestInFlightAndRefusesNewOnes() throws Exception {
    CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(() -> api.get("/slow"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
      try {
        return gate.drain(Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Reply refused = api.get("/fast");
    for (int i = 0; i < 100 && refused.status() == 200; i++) { // until drain has begun
      Thread.sleep(20);
      refused = api.get("/fast");
    }

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().get("error").asText()).isEqualTo("unavailable");
    assertThat(drained).isNotDone();
    release.countDown();
    assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void drainGivesUpAfterTheTimeout() throws Exception {
    CompletableFuture.supplyAsync(() -> api.get("/slow"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(gate.drain(Duration.ofMillis(100))).isFalse();
  }
}
