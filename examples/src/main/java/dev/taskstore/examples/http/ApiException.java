package dev.taskstore.examples.http;

import java.util.List;

/**
 * A request the service refuses before taskstore sees it: malformed JSON, a value of the wrong JSON type, an
 * unknown field or query parameter, an unknown route, a wrong method. Carries the HTTP status and the error
 * body's fields; {@link ErrorResponses} turns it into a response.
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String field;
  private final String allow;

  private ApiException(int status, String error, String field, String message, String allow) {
    // No stack trace: these are answers to bad requests, not faults of the service.
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.field = field;
    this.allow = allow;
  }

  private ApiException(int status, String error, String field, String message) {
    this(status, error, field, message, null);
  }

  /** 400: a field or parameter has the wrong type, is unknown, or breaks a rule. */
  static ApiException invalidField(String field, String reason) {
    return new ApiException(400, "validation", field, field + " " + reason);
  }

  /** 400: the body is not JSON, or not the JSON shape expected. */
  static ApiException malformedJson(String message) {
    return new ApiException(400, "malformed_json", null, message);
  }

  /** 404: no route matches the path. */
  static ApiException noRoute(String method, String path) {
    return new ApiException(404, "not_found", null, "no route for " + method + " " + path);
  }

  /** 405: the path exists, the method does not; the response lists the allowed ones. */
  static ApiException methodNotAllowed(String method, String path, List<String> allowed) {
    return new ApiException(405, "method_not_allowed", null, method + " is not allowed on " + path
        + " (allowed: " + String.join(", ", allowed) + ")", String.join(", ", allowed));
  }

  /** 413: the body is larger than the service accepts. */
  static ApiException tooLarge(int maxBytes) {
    return new ApiException(413, "payload_too_large", null, "request body must be at most " + maxBytes + " bytes");
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  /** The field or parameter at fault, or null. */
  String field() {
    return field;
  }

  /** The value of the {@code Allow} header of a 405, or null. */
  String allow() {
    return allow;
  }
}
