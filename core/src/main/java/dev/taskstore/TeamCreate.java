package dev.taskstore;

import dev.taskstore.spi.Checks;

/**
 * What a caller gives to create a team.
 *
 * @param name the name: not blank, at most {@value #MAX_NAME_LENGTH} characters
 */
public record TeamCreate(String name) {

  /** The longest team name accepted, in characters. */
  public static final int MAX_NAME_LENGTH = 200;

  /**
   * Validates the name.
   *
   * @param name the name: not blank, at most {@value #MAX_NAME_LENGTH} characters
   * @throws ValidationException naming {@code name} when it breaks a rule
   */
  public TeamCreate {
    Checks.nonBlankText("name", name, MAX_NAME_LENGTH);
  }
}
