package dev.taskstore.internal;

import dev.taskstore.ValidationException;
import java.util.regex.Pattern;

/**
 * A write-ahead log position ({@code pg_lsn}) as a long, and the consistency token that carries one between
 * stores: PostgreSQL's own text form, {@code X/Y} in hexadecimal. Not public API.
 */
final class Lsn {

  private static final Pattern TEXT = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

  private Lsn() {}

  /** The token of a position. */
  static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
  }

  /**
   * The position in a token from {@link #format}.
   *
   * @throws ValidationException naming {@code token} when it is not one
   */
  static long parse(String token) {
    if (token == null || !TEXT.matcher(token).matches()) {
      throw new ValidationException("token", "must be a consistency token from TaskStore.consistencyToken()");
    }
    int slash = token.indexOf('/');
    return (Long.parseLong(token.substring(0, slash), 16) << 32) | Long.parseLong(token.substring(slash + 1), 16);
  }
}
