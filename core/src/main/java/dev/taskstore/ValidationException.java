package dev.taskstore;

/**
 * An argument broke a rule before any SQL ran: a blank title, a too long description, a page size over
 * the maximum, a forged cursor. Names the field and the rule. Maps to HTTP 400.
 */
public final class ValidationException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /** The field or parameter that was rejected. */
  private final String field;
  /** The rule it broke. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param field the field or parameter, e.g. {@code "title"} or {@code "limit"}
   * @param reason the rule it broke, e.g. {@code "must not be blank"}
   */
  public ValidationException(String field, String reason) {
    super(field + " " + reason, null, null);
    this.field = field;
    this.reason = reason;
  }

  /**
   * The field or parameter that was rejected.
   *
   * @return the field's name
   */
  public String field() {
    return field;
  }

  /**
   * The rule the value broke.
   *
   * @return a short phrase, e.g. {@code "must not be blank"}
   */
  public String reason() {
    return reason;
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}
