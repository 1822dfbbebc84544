package dev.taskstore;

import java.time.Instant;
import java.util.Optional;

/**
 * A task as stored: the SQLModel guide's {@code TaskRead}, with the id and creation time the database set.
 * Instants are in UTC with PostgreSQL's microsecond precision.
 *
 * @param id the task's id
 * @param title the title
 * @param description the description, or empty
 * @param priority the priority
 * @param completed whether the task is done
 * @param dueDate the due date, or empty
 * @param createdAt when the row was inserted (the database's clock, at the start of the inserting
 *     transaction)
 * @param userId the owning user's id, or empty
 */
public record TaskRead(
    long id,
    String title,
    Optional<String> description,
    Priority priority,
    boolean completed,
    Optional<Instant> dueDate,
    Instant createdAt,
    Optional<Long> userId) {}
