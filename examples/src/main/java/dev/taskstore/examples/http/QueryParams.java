package dev.taskstore.examples.http;

import dev.taskstore.Priority;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's query string, read strictly: an unknown or repeated parameter is a 400, so that a typo
 * ({@code ?complete=true}) does not silently return every task. A parameter given with an empty value
 * ({@code ?completed=}) counts as not given.
 */
final class QueryParams {

  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses a raw (still percent-encoded) query string.
   *
   * @param rawQuery the query, or null when the URI has none
   */
  static QueryParams parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query string");
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
        if (values.putIfAbsent(name, value) != null) {
          throw ApiException.invalidField(name, "must be given at most once");
        }
      }
    }
    return new QueryParams(values);
  }

  QueryParams allowOnly(List<String> known) {
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw ApiException.invalidField(name, "is not a known query parameter (known: "
            + String.join(", ", known) + ")");
      }
    }
    return this;
  }

  /** The value, or null when absent or empty. */
  String text(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  Boolean bool(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw ApiException.invalidField(name, "must be true or false");
    };
  }

  Long id(String name) {
    String value = text(name);
    return value == null ? null : parseLong(name, value);
  }

  Integer integer(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    long n = parseLong(name, value);
    if (n > Integer.MAX_VALUE) {
      throw ApiException.invalidField(name, "is too large");
    }
    return (int) n;
  }

  /** A priority in any letter case; an unknown one is taskstore's 400 naming {@code priority}. */
  Priority priority(String name) {
    String value = text(name);
    return value == null ? null : Priority.parse(value);
  }

  private static long parseLong(String name, String value) {
    if (!value.matches("[0-9]{1,18}")) {
      throw ApiException.invalidField(name, "must be a whole number");
    }
    return Long.parseLong(value);
  }

  private static String decode(String text, String what) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField(what, "is not correctly percent-encoded");
    }
  }
}
