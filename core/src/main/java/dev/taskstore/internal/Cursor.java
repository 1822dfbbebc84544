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
 * The opaque keyset cursor of a task list: where the previous page ended (its last row's sort key and id),
 * bound to the filter and sort it was made for, with a checksum so that a truncated or altered cursor is
 * rejected instead of silently paging from somewhere else. Not a security token: it holds no secret, only
 * positions. Not public API.
 *
 * @param sort the sort the cursor was made for
 * @param filterHash a stable hash of the filter it was made for
 * @param createdAtMicros the last row's {@code created_at} in microseconds since the epoch (0 for id sorts)
 * @param id the last row's id
 */
public record Cursor(TaskSort sort, int filterHash, long createdAtMicros, long id) {

  private static final byte VERSION = 1;
  private static final int LENGTH = 1 + 1 + 4 + 8 + 8 + 4;
  /** The range of instants a cursor can hold: what the database stores and taskstore accepts. */
  private static final long MIN_MICROS = micros(Checks.MIN_INSTANT);
  private static final long MAX_MICROS = micros(Checks.MAX_INSTANT);

  /** The cursor's text form: URL-safe Base64 without padding. */
  public String encode() {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(VERSION).put((byte) sort.ordinal()).putInt(filterHash).putLong(createdAtMicros).putLong(id);
    b.putInt(checksum(b.array(), LENGTH - 4));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** Reads a cursor made for the given filter and sort; anything else is a {@link ValidationException}. */
  public static Cursor decode(String text, TaskSort sort, TaskFilter filter) {
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
    int sortOrdinal = b.get();
    int hash = b.getInt();
    long micros = b.getLong();
    long id = b.getLong();
    int sum = b.getInt();
    if (version != VERSION || sum != checksum(bytes, LENGTH - 4) || sortOrdinal < 0
        || sortOrdinal >= TaskSort.values().length || id <= 0
        // Base64 of 26 bytes leaves spare bits in the last character: only the canonical text is a cursor.
        || !text.equals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
      throw malformed();
    }
    boolean byCreation = sortOrdinal == TaskSort.CREATED_AT_ASC.ordinal()
        || sortOrdinal == TaskSort.CREATED_AT_DESC.ordinal();
    if (byCreation ? micros < MIN_MICROS || micros > MAX_MICROS : micros != 0) {
      throw malformed();
    }
    if (sortOrdinal != sort.ordinal() || hash != filterHash(filter)) {
      throw new ValidationException("cursor", "was made for another filter or sort");
    }
    return new Cursor(sort, hash, micros, id);
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
        + f.titleContains().map(t -> "+" + t).orElse("-");
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
