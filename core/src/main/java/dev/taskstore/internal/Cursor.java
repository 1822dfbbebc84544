package dev.taskstore.internal;

import dev.taskstore.TaskFilter;
import dev.taskstore.TaskSort;
import dev.taskstore.ValidationException;
import dev.taskstore.spi.Checks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The opaque keyset cursor of a task list: where a page ended (its last row's sort key and id) for a cursor
 * that pages forward, or where it began (its first row's) for one that pages back, bound to the filter, sort
 * and direction it was made for, with a checksum so that a truncated or altered cursor is rejected instead of
 * silently paging from somewhere else. Not a security token: it holds no secret, only positions. Not public
 * API.
 *
 * <p>The direction is the {@link #BACKWARD} bit of the sort byte, so forward cursors are byte for byte what
 * they were before paging back existed, and cursors in users' hands survive the upgrade.
 *
 * @param sort the sort the cursor was made for
 * @param filterHash a stable hash of the filter it was made for
 * @param key the row's sort key besides the id: {@code created_at} in microseconds since the epoch for the
 *     creation sorts, the bits of the {@code real} relevance ({@link Float#floatToIntBits}) for
 *     {@link TaskSort#RELEVANCE}, 0 for the id sorts
 * @param id the row's id
 * @param backward whether the cursor pages back (a {@code Page.previousCursor()}) rather than forward
 */
public record Cursor(TaskSort sort, int filterHash, long key, long id, boolean backward) {

  private static final byte VERSION = 1;
  /** The bit of the sort byte that marks a cursor that pages back. */
  private static final int BACKWARD = 0x40;
  private static final int LENGTH = 1 + 1 + 4 + 8 + 8 + 4;
  /** The range of instants a cursor can hold: what the database stores and taskstore accepts. */
  private static final long MIN_MICROS = micros(Checks.MIN_INSTANT);
  private static final long MAX_MICROS = micros(Checks.MAX_INSTANT);

  /** A cursor that pages forward. */
  public Cursor(TaskSort sort, int filterHash, long key, long id) {
    this(sort, filterHash, key, id, false);
  }

  /** The cursor's text form: URL-safe Base64 without padding. */
  public String encode() {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(VERSION).put((byte) (sort.ordinal() | (backward ? BACKWARD : 0))).putInt(filterHash).putLong(key)
        .putLong(id);
    b.putInt(checksum(b.array(), LENGTH - 4));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * Reads a cursor made for the given filter, sort and direction; anything else is a
   * {@link ValidationException} naming the field {@code cursor}.
   */
  public static Cursor decode(String text, TaskSort sort, TaskFilter filter, boolean backward) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (bytes.length != LENGTH) {
      throw malformed();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte version = b.get();
    int sortByte = b.get();
    boolean back = (sortByte & BACKWARD) != 0;
    int sortOrdinal = sortByte & ~BACKWARD;
    int hash = b.getInt();
    long key = b.getLong();
    long id = b.getLong();
    int sum = b.getInt();
    if (version != VERSION || sum != checksum(bytes, LENGTH - 4) || sortOrdinal < 0
        || sortOrdinal >= TaskSort.values().length || id <= 0
        // Base64 of 26 bytes leaves spare bits in the last character: only the canonical text is a cursor.
        || !text.equals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
      throw malformed();
    }
    boolean validKey = switch (TaskSort.values()[sortOrdinal]) {
      case CREATED_AT_ASC, CREATED_AT_DESC -> key >= MIN_MICROS && key <= MAX_MICROS;
      // ts_rank is a finite real, never negative; -0.0 and NaN have other bits than any rank it returns.
      case RELEVANCE -> key >= 0 && key <= Integer.MAX_VALUE && Float.isFinite(Float.intBitsToFloat((int) key));
      case ID_ASC, ID_DESC -> key == 0;
    };
    if (!validKey) {
      throw malformed();
    }
    if (sortOrdinal != sort.ordinal() || hash != filterHash(filter)) {
      throw new ValidationException("cursor", "was made for another filter or sort");
    }
    if (back != backward) {
      throw new ValidationException("cursor", backward
          ? "pages forward: pass it to after(), not before()"
          : "pages back: pass it to before(), not after()");
    }
    return new Cursor(sort, hash, key, id, back);
  }

  /** The relevance a {@link TaskSort#RELEVANCE} cursor holds, exactly as PostgreSQL computed it. */
  public float rank() {
    return Float.intBitsToFloat((int) key);
  }

  /** The key of a relevance: the bits of the {@code real}, so that the keyset comparison is exact. */
  public static long rankKey(float rank) {
    return Float.floatToIntBits(rank);
  }

  /**
   * Microseconds since the epoch. Not {@code ChronoUnit.MICROS.between}, which counts in nanoseconds first and
   * overflows for instants more than 292 years from 1970.
   */
  public static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** The instant of {@link #micros(Instant)}. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** A hash of the filter that is the same in every JVM (unlike enum hash codes). */
  public static int filterHash(TaskFilter f) {
    String canonical = f.completed().map(String::valueOf).orElse("-") + '\u0001'
        + f.priority().map(Enum::name).orElse("-") + '\u0001'
        + f.userId().map(String::valueOf).orElse("-") + '\u0001'
        + f.dueBefore().map(String::valueOf).orElse("-") + '\u0001'
        + f.dueAfter().map(String::valueOf).orElse("-") + '\u0001'
        + f.titleContains().map(t -> "+" + t).orElse("-")
        // Added only when present, so that the hashes (and cursors) of filters without a search do not change.
        + f.search().map(t -> "\u0001+" + t).orElse("");
    CRC32 crc = new CRC32();
    crc.update(canonical.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  private static int checksum(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  private static ValidationException malformed() {
    return new ValidationException("cursor", "is malformed or was altered");
  }
}
