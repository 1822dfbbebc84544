package dev.taskstore;

import java.util.Objects;

/**
 * What a get-or-create call returns: the row, and whether this call created it.
 *
 * @param value the row, found or created
 * @param created true when this call inserted it, false when it existed already
 * @param <T> the row's type
 */
public record FoundOrCreated<T>(T value, boolean created) {

  /**
   * Requires a value.
   *
   * @param value the row
   * @param created whether this call inserted it
   * @throws NullPointerException when {@code value} is null
   */
  public FoundOrCreated {
    Objects.requireNonNull(value, "value");
  }
}
