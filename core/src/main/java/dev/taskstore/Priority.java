package dev.taskstore;

import java.util.Locale;

/**
 * A task's priority. Stored as the lowercase strings {@code low}, {@code medium} and {@code high}, exactly
 * as the SQLModel guide stores them; {@link #MEDIUM} is the default.
 */
public enum Priority {
  /** Can wait. */
  LOW,
  /** The default. */
  MEDIUM,
  /** Do first. */
  HIGH;

  private final String dbValue = name().toLowerCase(Locale.ROOT);

  /**
   * The value stored in the {@code task.priority} column.
   *
   * @return {@code "low"}, {@code "medium"} or {@code "high"}
   */
  public String dbValue() {
    return dbValue;
  }

  /**
   * Parses a priority case-insensitively, as an HTTP API receives it.
   *
   * @param text {@code "low"}, {@code "medium"} or {@code "high"} in any letter case
   * @return the priority
   * @throws ValidationException naming the field {@code priority} when the text is none of them
   */
  public static Priority parse(String text) {
    if (text != null) {
      for (Priority p : values()) {
        if (p.dbValue.equalsIgnoreCase(text)) {
          return p;
        }
      }
    }
    throw new ValidationException("priority", "must be one of low, medium, high");
  }
}
