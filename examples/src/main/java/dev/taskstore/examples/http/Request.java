package dev.taskstore.examples.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One request as a route sees it: the path parameters the route's pattern captured, the query string and
 * the body. Parsing happens on demand, so a route that takes no body never fails on one.
 */
final class Request {

  private final Map<String, String> pathParams;
  private final String rawQuery;
  private final byte[] body;

  Request(Map<String, String> pathParams, String rawQuery, byte[] body) {
    this.pathParams = Map.copyOf(pathParams);
    this.rawQuery = rawQuery;
    this.body = body;
  }

  /**
   * A numeric path parameter; the router matched it as digits, so only overflow is left to refuse.
   *
   * @throws ApiException 400 naming the parameter when it does not fit a long
   */
  long id(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no path parameter " + name);
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.invalidField(name, "is too large");
    }
  }

  QueryParams query() {
    return QueryParams.parse(rawQuery);
  }

  /** The body as a JSON object; 400 when it is empty, malformed or not an object. */
  ObjectNode json() {
    return Json.readObject(body);
  }
}
