package dev.taskstore;

import dev.taskstore.spi.Checks;

/**
 * What a caller gives to create a user. The email is stored as given and is unique regardless of letter
 * case: {@code Ann@Example.org} and {@code ann@example.org} cannot both exist.
 *
 * @param email the address: 3 to {@value #MAX_EMAIL_LENGTH} characters with an '@' after the first
 */
public record UserCreate(String email) {

  /** The longest email accepted, in characters. */
  public static final int MAX_EMAIL_LENGTH = 320;

  /**
   * Validates the email.
   *
   * @param email the address: 3 to {@value #MAX_EMAIL_LENGTH} characters with an '@' after the first
   * @throws ValidationException naming {@code email} when it breaks a rule
   */
  public UserCreate {
    Checks.text("email", email, MAX_EMAIL_LENGTH);
    // Counted in characters (code points), as the database's check does.
    if (email.codePointCount(0, email.length()) < 3 || email.indexOf('@') < 1 || email.isBlank()) {
      throw new ValidationException("email", "must look like an email address (name@domain)");
    }
  }
}
