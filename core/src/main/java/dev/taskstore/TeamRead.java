package dev.taskstore;

import java.time.Instant;

/**
 * A team as stored.
 *
 * @param id the team's id
 * @param name the name
 * @param createdAt when the row was inserted
 */
public record TeamRead(long id, String name, Instant createdAt) {}
