package dev.taskstore.spi;

import dev.taskstore.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Argument checks of the public records and of the few raw arguments the repositories take. Every failure is
 * a {@link ValidationException} that names the field and the rule, raised before any SQL runs. Not public
 * API: {@code dev.taskstore.spi} is not exported from the module.
 */
public final class Checks {

  /** The earliest instant taskstore stores: 0001-01-01T00:00:00Z. */
  public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  /** The latest instant taskstore stores: 9999-12-31T23:59:59.999999Z. */
  public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Checks() {}

  /** Requires a non-null value. */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "must not be null");
    }
    return value;
  }

  /**
   * Requires text that PostgreSQL can store exactly: no NUL character (PostgreSQL rejects 0x00 in text)
   * and no lone UTF-16 surrogate (it would be stored as '?'), with at most {@code max} characters.
   */
  public static String text(String field, String value, int max) {
    required(field, value);
    int length = value.length();
    if (length > max * 2) { // each character is at most two chars: cheap early rejection of huge input
      throw new ValidationException(field, "must be at most " + max + " characters");
    }
    int codePoints = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        throw new ValidationException(field, "must not contain the NUL character (U+0000)");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          throw new ValidationException(field, "must be valid Unicode (lone surrogate at index " + i + ")");
        }
      } else if (Character.isLowSurrogate(c)) {
        throw new ValidationException(field, "must be valid Unicode (lone surrogate at index " + i + ")");
      }
      codePoints++;
    }
    if (codePoints > max) {
      throw new ValidationException(field, "must be at most " + max + " characters");
    }
    return value;
  }

  /**
   * Like {@link #text} and also not blank: at least one character that is not {@linkplain #isBlank(int) blank}.
   * The database's CHECK constraints ({@code task_title_check}, {@code team_name_check}, migration V4) use the
   * same set of characters.
   */
  public static String nonBlankText(String field, String value, int max) {
    text(field, value, max);
    if (value.codePoints().allMatch(Checks::isBlank)) {
      throw new ValidationException(field, "must not be blank");
    }
    return value;
  }

  /**
   * Whether a character counts as blank: the Unicode White_Space characters (which include the no-break spaces
   * U+00A0, U+2007 and U+202F that {@link String#isBlank()} does not count), Java's other whitespace U+001C to
   * U+001F, and the invisible format characters U+180E, U+200B to U+200D, U+2060 and U+FEFF. Kept in step with
   * the regular expression of migration V4.
   */
  static boolean isBlank(int c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
        || c == 0x180E || (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF;
  }

  /** Requires an id of an existing row's kind: positive. */
  public static long id(String field, long id) {
    if (id <= 0) {
      throw new ValidationException(field, "must be a positive id");
    }
    return id;
  }

  /**
   * Requires an instant that PostgreSQL stores exactly (years 1 to 9999) and truncates it to the
   * microsecond, the precision of {@code timestamptz}, so that what is stored equals what is returned.
   */
  public static Instant instant(String field, Instant value) {
    if (value == null) {
      return null;
    }
    if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
      throw new ValidationException(field, "must be between years 1 and 9999 (UTC)");
    }
    return value.truncatedTo(ChronoUnit.MICROS);
  }
}
