package dev.taskstore;

import dev.taskstore.spi.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller gives to create a task: the SQLModel guide's {@code TaskBase}. The database assigns the id
 * and {@code created_at}; see {@link TaskRead} for what comes back.
 *
 * <p>Validated on construction, before any SQL: the title is required, not blank and at most
 * {@value #MAX_TITLE_LENGTH} characters; the description at most {@value #MAX_DESCRIPTION_LENGTH}
 * characters; no text may contain the NUL character or a lone surrogate; the due date lies in the years 1
 * to 9999 and is kept to the microsecond (PostgreSQL's precision); a user id is positive; an idempotency key has
 * 1 to {@value #MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters (U+0021 to U+007E: no space, no control
 * character), e.g. a UUID.
 *
 * <p><b>Idempotency key.</b> A create with a key stores the task once: a retry with the same key (after a
 * timeout or a {@link ConnectionException}, when the caller cannot know whether the first attempt committed)
 * returns the task the first attempt stored, even if it was updated since; the same key with different content
 * is an {@link IdempotencyConflictException}. A key is unique over all tasks, not per user (a task may have no
 * user, and its user may change): a service whose clients pick keys should scope them, e.g.
 * {@code "user-42:" + key}. The key is not part of {@link TaskRead}.
 *
 * <pre>{@code
 * TaskBase task = TaskBase.builder("Write the report").priority(Priority.HIGH).userId(ann.id()).build();
 * }</pre>
 *
 * @param title the title; required
 * @param description free text, or empty
 * @param priority the priority; {@link Priority#MEDIUM} by default
 * @param completed whether the task is done; false by default
 * @param dueDate when the task is due, or empty
 * @param userId the owning user's id, or empty
 * @param idempotencyKey the client's key for this create, or empty
 */
public record TaskBase(
    String title,
    Optional<String> description,
    Priority priority,
    boolean completed,
    Optional<Instant> dueDate,
    Optional<Long> userId,
    Optional<String> idempotencyKey) {

  /** The longest title accepted, in characters (Unicode code points). */
  public static final int MAX_TITLE_LENGTH = 500;
  /** The longest description accepted, in characters (Unicode code points). */
  public static final int MAX_DESCRIPTION_LENGTH = 10_000;
  /** The longest idempotency key accepted, in characters (printable ASCII). */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  /**
   * Validates and normalises the components.
   *
   * @param title the title; required
   * @param description free text, or empty
   * @param priority the priority; {@link Priority#MEDIUM} by default
   * @param completed whether the task is done; false by default
   * @param dueDate when the task is due, or empty
   * @param userId the owning user's id, or empty
   * @param idempotencyKey the client's key for this create, or empty
   * @throws ValidationException naming the field when a value breaks a rule
   */
  public TaskBase {
    Checks.nonBlankText("title", title, MAX_TITLE_LENGTH);
    description = Objects.requireNonNullElse(description, Optional.empty());
    description.ifPresent(d -> Checks.text("description", d, MAX_DESCRIPTION_LENGTH));
    Checks.required("priority", priority);
    dueDate = Objects.requireNonNullElse(dueDate, Optional.<Instant>empty())
        .map(d -> Checks.instant("dueDate", d));
    userId = Objects.requireNonNullElse(userId, Optional.empty());
    userId.ifPresent(id -> Checks.id("userId", id));
    idempotencyKey = Objects.requireNonNullElse(idempotencyKey, Optional.empty());
    idempotencyKey.ifPresent(TaskBase::checkIdempotencyKey);
  }

  /**
   * A task without an idempotency key: the components of the SQLModel guide's {@code TaskBase}.
   *
   * @param title the title; required
   * @param description free text, or empty
   * @param priority the priority; {@link Priority#MEDIUM} by default
   * @param completed whether the task is done; false by default
   * @param dueDate when the task is due, or empty
   * @param userId the owning user's id, or empty
   * @throws ValidationException naming the field when a value breaks a rule
   */
  public TaskBase(String title, Optional<String> description, Priority priority, boolean completed,
      Optional<Instant> dueDate, Optional<Long> userId) {
    this(title, description, priority, completed, dueDate, userId, Optional.empty());
  }

  private static void checkIdempotencyKey(String key) {
    if (key.isBlank()) {
      throw new ValidationException("idempotencyKey", "must not be blank");
    }
    if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new ValidationException("idempotencyKey",
          "must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < '!' || c > '~') {
        throw new ValidationException("idempotencyKey",
            "must be printable ASCII without spaces (U+0021 to U+007E; bad character at index " + i + ")");
      }
    }
  }

  /**
   * A task with just a title and the guide's defaults (medium priority, not completed).
   *
   * @param title the title
   * @return the task to create
   * @throws ValidationException when the title breaks a rule
   */
  public static TaskBase of(String title) {
    return new TaskBase(title, Optional.empty(), Priority.MEDIUM, false, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /**
   * A builder that starts from the guide's defaults.
   *
   * @param title the title
   * @return a builder; {@link Builder#build()} validates
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Builds a {@link TaskBase}; nothing is validated until {@link #build()}. */
  public static final class Builder {
    private String title;
    private String description;
    private Priority priority = Priority.MEDIUM;
    private boolean completed;
    private Instant dueDate;
    private Long userId;
    private String idempotencyKey;

    private Builder(String title) {
      this.title = title;
    }

    /**
     * Sets the title.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description the text, or null for none
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the priority.
     *
     * @param priority the priority (not null)
     * @return this builder
     */
    public Builder priority(Priority priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Sets whether the task is done.
     *
     * @param completed true when done
     * @return this builder
     */
    public Builder completed(boolean completed) {
      this.completed = completed;
      return this;
    }

    /**
     * Sets the due date.
     *
     * @param dueDate the instant, or null for none
     * @return this builder
     */
    public Builder dueDate(Instant dueDate) {
      this.dueDate = dueDate;
      return this;
    }

    /**
     * Sets the owning user.
     *
     * @param userId the user's id, or null for none
     * @return this builder
     */
    public Builder userId(Long userId) {
      this.userId = userId;
      return this;
    }

    /**
     * Sets the idempotency key: a retry of this create with the same key returns the task the first attempt
     * stored instead of storing a second one (see the class documentation).
     *
     * @param idempotencyKey 1 to {@value TaskBase#MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, or null
     *     for none
     * @return this builder
     */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the task to create
     * @throws ValidationException naming the field when a value breaks a rule
     */
    public TaskBase build() {
      return new TaskBase(title, Optional.ofNullable(description), priority, completed,
          Optional.ofNullable(dueDate), Optional.ofNullable(userId), Optional.ofNullable(idempotencyKey));
    }
  }
}
