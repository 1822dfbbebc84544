package dev.taskstore;

import java.time.Instant;
import java.util.Optional;

/**
 * A task as stored: the SQLModel guide's {@code TaskRead}, with the id and creation time the database set,
 * and the time and version of its last change, which the database keeps whoever writes (schema V2, a
 * trigger). Instants are in UTC with PostgreSQL's microsecond precision.
 *
 * <p>Pass {@link #version()} to {@link TaskRepository#update(long, TaskUpdate, long)} to update the task only
 * if nobody changed it since this read (optimistic locking).
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
 * @param updatedAt when the row was last written: for a row never updated, its insert time (like
 *     {@code createdAt}); else the database's clock when its latest update ran
 * @param version 1 when inserted, one more on every update of the row, by whoever writes it
 */
public record TaskRead(
    long id,
    String title,
    Optional<String> description,
    Priority priority,
    boolean completed,
    Optional<Instant> dueDate,
    Instant createdAt,
    Optional<Long> userId,
    Instant updatedAt,
    long version) {}
