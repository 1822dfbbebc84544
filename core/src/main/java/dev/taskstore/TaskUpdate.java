package dev.taskstore;

import dev.taskstore.spi.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A partial update of a task: the SQLModel guide's {@code TaskUpdate} with {@code exclude_unset}. A field
 * that was never set is left untouched; a field set to {@code null} is cleared. Only nullable columns can be
 * cleared (description, due date, user); setting title, priority or completed to null is a
 * {@link ValidationException}. An update with no field set writes nothing.
 *
 * <pre>{@code
 * // change the title, clear the description, leave everything else as it is
 * TaskUpdate update = TaskUpdate.builder().title("Call Ann").description(null).build();
 * }</pre>
 */
public final class TaskUpdate {

  /** The fields an update can set. */
  public enum Field {
    /** {@link TaskRead#title()} */
    TITLE,
    /** {@link TaskRead#description()} */
    DESCRIPTION,
    /** {@link TaskRead#priority()} */
    PRIORITY,
    /** {@link TaskRead#completed()} */
    COMPLETED,
    /** {@link TaskRead#dueDate()} */
    DUE_DATE,
    /** {@link TaskRead#userId()} */
    USER_ID
  }

  private static final TaskUpdate EMPTY = new TaskUpdate(new Builder());

  private final Set<Field> fields;
  private final String title;
  private final String description;
  private final Priority priority;
  private final Boolean completed;
  private final Instant dueDate;
  private final Long userId;

  private TaskUpdate(Builder b) {
    this.fields = Collections.unmodifiableSet(EnumSet.copyOf(b.fields));
    this.title = b.title;
    this.description = b.description;
    this.priority = b.priority;
    this.completed = b.completed;
    this.dueDate = b.dueDate;
    this.userId = b.userId;
  }

  /**
   * A new, empty builder.
   *
   * @return a builder with no field set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The update that changes nothing.
   *
   * @return an update with no field set
   */
  public static TaskUpdate empty() {
    return EMPTY;
  }

  /**
   * The fields this update sets, in declaration order.
   *
   * @return an unmodifiable set
   */
  public Set<Field> fields() {
    return fields;
  }

  /**
   * Whether this update sets the field (possibly to null).
   *
   * @param field the field
   * @return true when set
   */
  public boolean isSet(Field field) {
    return fields.contains(field);
  }

  /**
   * Whether this update sets no field at all (and so writes nothing).
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * The new title.
   *
   * @return the title when set, else empty
   */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /**
   * The new description; empty when not set or set to null (tell them apart with {@link #isSet}).
   *
   * @return the description
   */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /**
   * The new priority.
   *
   * @return the priority when set, else empty
   */
  public Optional<Priority> priority() {
    return Optional.ofNullable(priority);
  }

  /**
   * The new completion state.
   *
   * @return the state when set, else empty
   */
  public Optional<Boolean> completed() {
    return Optional.ofNullable(completed);
  }

  /**
   * The new due date; empty when not set or set to null (tell them apart with {@link #isSet}).
   *
   * @return the due date
   */
  public Optional<Instant> dueDate() {
    return Optional.ofNullable(dueDate);
  }

  /**
   * The new owner; empty when not set or set to null (tell them apart with {@link #isSet}).
   *
   * @return the user id
   */
  public Optional<Long> userId() {
    return Optional.ofNullable(userId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskUpdate u && fields.equals(u.fields)
        && Objects.equals(title, u.title) && Objects.equals(description, u.description)
        && priority == u.priority && Objects.equals(completed, u.completed)
        && Objects.equals(dueDate, u.dueDate) && Objects.equals(userId, u.userId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fields, title, description, priority, completed, dueDate, userId);
  }

  /** Lists the set fields only; text values are not shown, they may be long or private. */
  @Override
  public String toString() {
    return "TaskUpdate" + fields;
  }

  /**
   * Records which fields are set. Each setter validates its value at once, with the same rules as
   * {@link TaskBase}.
   */
  public static final class Builder {
    private final EnumSet<Field> fields = EnumSet.noneOf(Field.class);
    private String title;
    private String description;
    private Priority priority;
    private Boolean completed;
    private Instant dueDate;
    private Long userId;

    private Builder() {}

    /**
     * Sets the title.
     *
     * @param title the new title: not null, not blank, at most {@value TaskBase#MAX_TITLE_LENGTH} characters
     * @return this builder
     * @throws ValidationException when the title breaks a rule
     */
    public Builder title(String title) {
      this.title = Checks.nonBlankText("title", title, TaskBase.MAX_TITLE_LENGTH);
      fields.add(Field.TITLE);
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description the new text, or null to clear it
     * @return this builder
     * @throws ValidationException when the text breaks a rule
     */
    public Builder description(String description) {
      this.description = description == null
          ? null : Checks.text("description", description, TaskBase.MAX_DESCRIPTION_LENGTH);
      fields.add(Field.DESCRIPTION);
      return this;
    }

    /**
     * Sets the priority.
     *
     * @param priority the new priority (not null)
     * @return this builder
     * @throws ValidationException when null
     */
    public Builder priority(Priority priority) {
      this.priority = Checks.required("priority", priority);
      fields.add(Field.PRIORITY);
      return this;
    }

    /**
     * Sets the completion state.
     *
     * @param completed the new state (not null)
     * @return this builder
     * @throws ValidationException when null
     */
    public Builder completed(Boolean completed) {
      this.completed = Checks.required("completed", completed);
      fields.add(Field.COMPLETED);
      return this;
    }

    /**
     * Sets the due date.
     *
     * @param dueDate the new due date, or null to clear it
     * @return this builder
     * @throws ValidationException when out of range
     */
    public Builder dueDate(Instant dueDate) {
      this.dueDate = Checks.instant("dueDate", dueDate);
      fields.add(Field.DUE_DATE);
      return this;
    }

    /**
     * Sets the owner.
     *
     * @param userId the new user's id, or null to clear it
     * @return this builder
     * @throws ValidationException when not positive
     */
    public Builder userId(Long userId) {
      this.userId = userId == null ? null : Checks.id("userId", userId);
      fields.add(Field.USER_ID);
      return this;
    }

    /**
     * Builds the update.
     *
     * @return the update
     */
    public TaskUpdate build() {
      return new TaskUpdate(this);
    }
  }
}
