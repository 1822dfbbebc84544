package dev.taskstore.examples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dispatches requests to routes by method and path pattern ({@code /tasks/{id}}), and writes every answer,
 * including errors, as JSON. A path no route matches is 404; a path that exists with another method is 405
 * with an {@code Allow} header. A {@code {name}} segment matches digits only, so {@code /tasks/count} and
 * {@code /tasks/{id}} never compete.
 */
final class Router implements HttpHandler {

  /** The largest request body accepted; a task's longest description is 10,000 characters. */
  static final int MAX_BODY_BYTES = 1 << 20;

  /** A route's work: from a request to a response, or an exception that {@link ErrorResponses} maps. */
  @FunctionalInterface
  interface Handler {
    Response handle(Request request);
  }

  private record Route(String method, String[] segments, Handler handler) {

    /** The captured path parameters when the path matches, else null. */
    Map<String, String> match(String[] path) {
      if (path.length != segments.length) {
        return null;
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        if (segment.startsWith("{")) {
          if (!path[i].matches("[0-9]+")) {
            return null;
          }
          params.put(segment.substring(1, segment.length() - 1), path[i]);
        } else if (!segment.equals(path[i])) {
          return null;
        }
      }
      return params;
    }
  }

  private final List<Route> routes = new ArrayList<>();

  /**
   * Adds a route.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param pattern the path, with {@code {name}} for a numeric parameter
   * @param handler the work
   * @return this router
   */
  Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, segments(pattern), handler));
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Response response;
    try {
      response = dispatch(exchange, method, path);
    } catch (RuntimeException e) {
      response = ErrorResponses.of(e, method, path);
    }
    write(exchange, response);
  }

  private Response dispatch(HttpExchange exchange, String method, String path) throws IOException {
    String[] segments = segments(path);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Map<String, String> params = route.match(segments);
      if (params == null) {
        continue;
      }
      if (route.method().equals(method)) {
        byte[] body = readBody(exchange);
        return route.handler().handle(new Request(params, exchange.getRequestURI().getRawQuery(), body));
      }
      allowed.add(route.method());
    }
    if (allowed.isEmpty()) {
      throw ApiException.noRoute(method, path);
    }
    throw ApiException.methodNotAllowed(method, path, List.copyOf(allowed));
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw ApiException.tooLarge(MAX_BODY_BYTES);
      }
      return body;
    }
  }

  static void write(HttpExchange exchange, Response response) throws IOException {
    try (exchange) {
      response.headers().forEach(exchange.getResponseHeaders()::set);
      if (response.body() == null) {
        exchange.sendResponseHeaders(response.status(), -1);
        return;
      }
      byte[] bytes = Json.write(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** "/tasks/7" to ["tasks", "7"]; a trailing slash is ignored. */
  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }
}
