package dev.taskstore.examples.http;

import java.util.Map;

/**
 * What a route answers: a status, a body serialised as JSON (none when null), and extra headers.
 *
 * @param status the HTTP status
 * @param body the body, or null for none
 * @param headers extra response headers, e.g. {@code Allow} or {@code Location}
 */
record Response(int status, Object body, Map<String, String> headers) {

  Response {
    headers = Map.copyOf(headers);
  }

  static Response ok(Object body) {
    return new Response(200, body, Map.of());
  }

  static Response created(String location, Object body) {
    return new Response(201, body, Map.of("Location", location));
  }

  static Response noContent() {
    return new Response(204, null, Map.of());
  }
}
