package dev.taskstore;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postgresql.Driver;

/**
 * Turns the URL forms users have in {@code DATABASE_URL} into a pgjdbc URL plus credentials. Accepted:
 * {@code jdbc:postgresql://…} (checked by pgjdbc's own parser, then passed through), {@code postgresql://…},
 * {@code postgres://…} and SQLAlchemy's {@code postgresql+driver://…} (the driver suffix is ignored). User
 * and password may be percent-encoded (and must be, for {@code @ / ? :}); hosts may be IPv6 literals in
 * brackets, several hosts may be separated by commas; the port defaults to 5432 and the host to localhost;
 * query parameters such as {@code sslmode} are passed through, except asyncpg's {@code ssl=require} (and the
 * other libpq SSL modes), which becomes {@code sslmode=require} because pgjdbc reads {@code ssl} as a
 * boolean and would silently fall back to {@code prefer}.
 *
 * @param jdbcUrl the pgjdbc URL, without user or password (unless a {@code jdbc:} URL carried them)
 * @param user the user from the URL, or null
 * @param password the password from the URL, or null
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {

  private static final String JDBC_PREFIX = "jdbc:postgresql:";
  private static final String ENCODING_HINT =
      " (percent-encode '@', '/', '?' and ':' in the user and password, e.g. '@' as %40)";
  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /**
   * Parses a URL. Messages name the rule broken but never repeat the URL, which may hold a password.
   *
   * @throws ValidationException naming {@code url}
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new ValidationException("url", "must not be blank");
    }
    String trimmed = url.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith(JDBC_PREFIX)) {
      // pgjdbc logs the text it takes for a port, which for user:password@host would be the password:
      // check the hosts and ports here first.
      String authority = jdbcAuthority(trimmed);
      if (authority.indexOf('@') >= 0 || (!authority.isEmpty() && hosts(authority) == null)
          || Driver.parseURL(trimmed, null) == null) {
        throw new ValidationException("url", "is not a valid jdbc:postgresql: URL (a jdbc: URL takes the user "
            + "and password as ?user=…&password=… parameters, not before the host)");
      }
      return new DatabaseUrl(trimmed, null, null);
    }
    int schemeEnd = trimmed.indexOf("://");
    // A real scheme is short and holds no secret; anything else before "://" is not echoed.
    if (schemeEnd <= 0 || schemeEnd > 30 || !lower.substring(0, schemeEnd).matches("[a-z][a-z0-9+.\\-]*")) {
      throw new ValidationException("url", "must start with postgresql://, postgres:// or jdbc:postgresql://");
    }
    String scheme = lower.substring(0, schemeEnd);
    int plus = scheme.indexOf('+');
    String base = plus >= 0 ? scheme.substring(0, plus) : scheme;
    if (!base.equals("postgresql") && !base.equals("postgres")) {
      throw new ValidationException("url", "has unsupported scheme '" + scheme
          + "': taskstore works with PostgreSQL only; use postgresql://, postgres:// or jdbc:postgresql://");
    }
    return parseAuthorityAndRest(trimmed.substring(schemeEnd + 3));
  }

  /** Parses {@code [user[:password]@]hosts[/database][?query]}; the authority ends at the first '/' or '?'. */
  private static DatabaseUrl parseAuthorityAndRest(String rest) {
    int authorityEnd = indexOfAny(rest, '/', '?');
    String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
    String afterAuthority = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
    String path = afterAuthority;
    String query = null;
    int q = afterAuthority.indexOf('?');
    if (q >= 0) {
      path = afterAuthority.substring(0, q);
      query = afterAuthority.substring(q + 1);
    }
    if (path.indexOf('@') >= 0) {
      throw new ValidationException("url", "has an '@' after the host" + ENCODING_HINT);
    }
    String user = null;
    String password = null;
    String hosts = authority;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      hosts = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, "user");
      password = colon >= 0 ? decode(userInfo.substring(colon + 1), "password") : null;
      if (user.isEmpty()) {
        user = null;
      }
    }
    String database = decode(path.startsWith("/") ? path.substring(1) : path, "database name");
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hosts(hosts)).append('/')
        .append(encodePathSegment(database));
    String params = query == null ? "" : translateQuery(query);
    if (!params.isEmpty()) {
      jdbc.append('?').append(params);
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
      int colon = hostPort.indexOf(':');
      if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
        throw new ValidationException("url", "has an IPv6 host without brackets: write it as [::1]:5432");
      }
      host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
      port = colon >= 0 ? hostPort.substring(colon + 1) : null;
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
      throw new ValidationException("url", "has a port that is not a number" + ENCODING_HINT);
    }
    if (p < 1 || p > 65_535) {
      throw new ValidationException("url", "has a port outside 1..65535");
    }
    return host + ":" + p;
  }

  /** Passes parameters through, turning asyncpg's {@code ssl=<libpq mode>} into pgjdbc's {@code sslmode}. */
  private static String translateQuery(String query) {
    List<String> params = new ArrayList<>();
    boolean hasSslMode = false;
    for (String param : query.split("&")) {
      hasSslMode |= param.toLowerCase(Locale.ROOT).startsWith("sslmode=");
    }
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      String lower = param.toLowerCase(Locale.ROOT);
      if (!hasSslMode && lower.startsWith("ssl=") && SSL_MODES.contains(lower.substring(4))) {
        params.add("sslmode=" + lower.substring(4));
      } else {
        params.add(param);
      }
    }
    return String.join("&", params);
  }

  private static String decode(String text, String part) {
    try {
      // URLDecoder turns '+' into a space (form encoding); in a URL's user info '+' is a literal plus.
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("url", "has a malformed percent-encoding in the " + part);
    }
  }

  /** pgjdbc decodes the database name with {@link URLDecoder}, so a space must be %20, never '+'. */
  private static String encodePathSegment(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The part of a {@code jdbc:postgresql://} URL between "//" and the first '/' or '?'. */
  private static String jdbcAuthority(String url) {
    String rest = url.substring(JDBC_PREFIX.length());
    if (!rest.startsWith("//")) {
      return "";
    }
    rest = rest.substring(2);
    int end = indexOfAny(rest, '/', '?');
    return end < 0 ? rest : rest.substring(0, end);
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == a || c == b) {
        return i;
      }
    }
    return -1;
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "DatabaseUrl[jdbcUrl=" + maskPassword(jdbcUrl) + ", user=" + user + ", password="
        + (password == null ? "none" : "****") + "]";
  }

  /** Hides the value of any {@code password=} parameter of a JDBC URL. */
  public static String maskPassword(String jdbcUrl) {
    return jdbcUrl == null ? null : jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1****");
  }
}
