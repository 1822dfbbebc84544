package dev.taskstore.spring.autoconfigure;

import dev.taskstore.ValidationException;
import java.util.Locale;

/**
 * A {@code taskstore.*} property with a value taskstore refuses; fails the application's start-up with a
 * message that names the property, e.g. {@code taskstore.schema}.
 */
public class InvalidTaskStorePropertyException extends IllegalStateException {

  private final String property;

  InvalidTaskStorePropertyException(ValidationException cause) {
    super("Invalid property " + property(cause.field()) + ": " + cause.reason(), cause);
    this.property = property(cause.field());
  }

  /** @return the property's name, e.g. {@code taskstore.schema} */
  public String property() {
    return property;
  }

  /** taskstore's setting name (camelCase) as the kebab-case property. */
  static String property(String field) {
    return "taskstore." + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
