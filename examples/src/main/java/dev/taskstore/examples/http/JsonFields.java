package dev.taskstore.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstore.Priority;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;

/**
 * Typed, strict reads of a request's JSON object. A field's JSON type must match exactly (no {@code "5"} for
 * 5, no {@code 1} for true); JSON {@code null} reads as Java null, and the domain decides whether null is
 * allowed. Every failure is a 400 that names the field.
 */
final class JsonFields {

  private final ObjectNode object;

  JsonFields(ObjectNode object) {
    this.object = object;
  }

  /**
   * Rejects fields the endpoint does not know, so that a typo ({@code "titel"}) is an error rather than a
   * silently ignored field.
   */
  JsonFields allowOnly(List<String> known) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ApiException.invalidField(name, "is not a known field (known: " + String.join(", ", known) + ")");
      }
    }
    return this;
  }

  /** Whether the field was sent, possibly as null: absent and null mean different things in a PATCH. */
  boolean has(String name) {
    return object.has(name);
  }

  String text(String name) {
    JsonNode node = node(name);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(name, "a string", node);
    }
    return node.textValue();
  }

  Boolean bool(String name) {
    JsonNode node = node(name);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      throw wrongType(name, "a boolean", node);
    }
    return node.booleanValue();
  }

  /** An id: a whole JSON number that fits a long (2.0 and 1e3 are not ids). */
  Long id(String name) {
    JsonNode node = node(name);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw wrongType(name, "a whole number", node);
    }
    return node.longValue();
  }

  /** An instant as an ISO-8601 string with an offset or Z, e.g. {@code "2030-01-15T09:00:00Z"}. */
  Instant instant(String name) {
    String text = text(name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidField(name, "must be an ISO-8601 instant such as 2030-01-15T09:00:00Z");
    }
  }

  /** A priority as {@code "low"}, {@code "medium"} or {@code "high"}; an unknown one is taskstore's 400. */
  Priority priority(String name) {
    String text = text(name);
    return text == null ? null : Priority.parse(text);
  }

  /** The field's node, or null when absent or JSON null. */
  private JsonNode node(String name) {
    JsonNode node = object.get(name);
    return node == null || node.isNull() ? null : node;
  }

  private static ApiException wrongType(String name, String expected, JsonNode actual) {
    return ApiException.invalidField(name, "must be " + expected + ", was " + Json.kind(actual));
  }
}
