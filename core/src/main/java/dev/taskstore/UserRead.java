package dev.taskstore;

import java.time.Instant;

/**
 * A user as stored.
 *
 * @param id the user's id
 * @param email the address, as it was given
 * @param createdAt when the row was inserted
 */
public record UserRead(long id, String email, Instant createdAt) {}
