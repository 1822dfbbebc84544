package dev.taskstore.examples.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The service's one Jackson mapper: strict when reading, ISO-8601 instants when writing. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // {"title":"a","title":null} is ambiguous for a partial update: refuse it rather than pick one.
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      // "{...} trailing garbage" is malformed, not a valid object followed by noise.
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /**
   * Parses a request body that must be one JSON object.
   *
   * @throws ApiException 400 when the body is empty, not JSON, or not an object
   */
  static ObjectNode readObject(byte[] body) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      // The original message without Jackson's quote of the input: say what and where, not echo the body.
      throw ApiException.malformedJson("request body is not valid JSON: " + e.getOriginalMessage()
          + where(e.getLocation()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw ApiException.malformedJson("request body must be a JSON object, was empty");
    }
    if (!tree.isObject()) {
      throw ApiException.malformedJson("request body must be a JSON object, was " + kind(tree));
    }
    return (ObjectNode) tree;
  }

  /** Serialises a response body. */
  static byte[] write(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
  }

  /** A JSON value's kind in words, for error messages: "a string", "null", "an array". */
  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> "an unsupported value";
    };
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
