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

  /** The WAL page size PostgreSQL is built with (the default; a build with another falls back to the primary). */
  private static final long PAGE = 8192;
  /** A WAL page's header, and the longer header of a segment's first page (default 16 MB segments). */
  private static final long PAGE_HEADER = 24;
  private static final long SEGMENT_HEADER = 40;
  private static final long SEGMENT = 16L << 20;

  /**
   * The position a replica reports once it has replayed everything before the insert position {@code insert}.
   * At a page boundary the insert position points past the next page's header, where no record ends, while a
   * replica's replay position is the end of the last record, the boundary itself: waiting for the former would
   * wait for the next record, which an idle server may not write for seconds. No record can end exactly
   * where a page header ends (a record that continues on a page has at least one byte there), so the header
   * is taken off only then.
   */
  static long recordEnd(long insert) {
    long inPage = insert % PAGE;
    if (inPage == PAGE_HEADER || (inPage == SEGMENT_HEADER && insert % SEGMENT == SEGMENT_HEADER)) {
      return insert - inPage;
    }
    return insert;
  }

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
