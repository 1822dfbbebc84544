package dev.taskstore.internal;

import dev.taskstore.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the URL forms users have in {@code DATABASE_URL} into a pgjdbc URL plus credentials. Accepted:
 * {@code jdbc:postgresql://…} (passed through), {@code postgresql://…}, {@code postgres://…} and
 * SQLAlchemy's {@code postgresql+driver://…} (the driver suffix is ignored). User and password may be
 * percent-encoded; hosts may be IPv6 literals in brackets; the port defaults to 5432; query parameters such
 * as {@code sslmode} are passed through. Not public API.
 *
 * @param jdbcUrl the pgjdbc URL, without user or password
 * @param user the user from the URL, or null
 * @param password the password from the URL, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

  /** Parses a URL; messages never repeat the URL (it may hold a password). */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new ValidationException("url", "must not be blank");
    }
    String trimmed = url.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(trimmed, null, null);
    }
    int schemeEnd = trimmed.indexOf("://");
    if (schemeEnd <= 0) {
      throw new ValidationException("url", "must start with postgresql://, postgres:// or jdbc:postgresql://");
    }
    String scheme = lower.substring(0, schemeEnd);
    int plus = scheme.indexOf('+');
    String base = plus >= 0 ? scheme.substring(0, plus) : scheme;
    if (!base.equals("postgresql") && !base.equals("postgres")) {
      throw new ValidationException("url", "has unsupported scheme '" + scheme
          + "': use postgresql://, postgres:// or jdbc:postgresql://");
    }
    String rest = trimmed.substring(schemeEnd + 3);
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
    }
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        user = decode(userInfo.substring(0, colon), "user");
        password = decode(userInfo.substring(colon + 1), "password");
      } else {
        user = decode(userInfo, "user");
      }
      if (user.isEmpty()) {
        user = null;
      }
    }
    String hostPort = hosts(rest);
    String database = decode(path, "database");
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hostPort).append('/');
    jdbc.append(encodePathSegment(database));
    if (query != null && !query.isEmpty()) {
      jdbc.append('?').append(query);
    }
    return new DatabaseUrl(jdbc.toString(), user, password);
  }

  /** Validates one or more comma-separated hosts, each with an optional port (default 5432). */
  private static String hosts(String hosts) {
    if (hosts.isEmpty()) {
      return "localhost:5432";
    }
    StringBuilder out = new StringBuilder();
    for (String host : hosts.split(",", -1)) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(hostPort(host));
    }
    return out.toString();
  }

  private static String hostPort(String hostPort) {
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new ValidationException("url", "has an IPv6 host without a closing ']'");
      }
      host = hostPort.substring(0, close + 1);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new ValidationException("url", "has text after the IPv6 host that is not a port");
        }
        port = after.substring(1);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon + 1);
      } else {
        host = hostPort;
      }
    }
    if (host.isEmpty()) {
      throw new ValidationException("url", "has an empty host");
    }
    if (port == null || port.isEmpty()) {
      return host + ":5432";
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new ValidationException("url", "has a port that is not a number");
    }
    if (p < 1 || p > 65_535) {
      throw new ValidationException("url", "has a port outside 1..65535");
    }
    return host + ":" + p;
  }

  private static String decode(String text, String part) {
    try {
      // URLDecoder turns '+' into a space (form encoding); in a URL's user info '+' is a literal plus.
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("url", "has a malformed percent-encoding in the " + part);
    }
  }

  private static String encodePathSegment(String segment) {
    return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "DatabaseUrl[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
  }
}
