package dev.taskstore;

/**
 * A snapshot of the connection pool.
 *
 * @param active connections lent out right now
 * @param idle connections waiting in the pool
 * @param waiting threads waiting for a connection
 * @param total open connections (active + idle)
 * @param maximum the pool's maximum size
 */
public record PoolStats(int active, int idle, int waiting, int total, int maximum) {}
