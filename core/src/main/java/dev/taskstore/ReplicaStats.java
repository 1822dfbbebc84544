package dev.taskstore;

import java.time.Duration;
import java.util.List;

/**
 * The read replicas' state right now ({@link TaskStore#replicaStats()}): each replica's health and lag, and
 * where the store's reads went. Empty lists and zeros for a store without replicas.
 *
 * @param replicas each replica, in the configured order
 * @param replicaReads reads served by a replica since the store opened
 * @param primaryReads reads that could have gone to a replica but went to the primary (a replica down,
 *     lagging, or behind the writes the read had to see) since the store opened
 */
public record ReplicaStats(List<Replica> replicas, long replicaReads, long primaryReads) {

  /**
   * Copies the list.
   *
   * @param replicas each replica
   * @param replicaReads reads served by a replica
   * @param primaryReads reads sent to the primary instead
   */
  public ReplicaStats {
    replicas = List.copyOf(replicas);
  }

  /**
   * One replica.
   *
   * @param address host and port (or hosts) of its URL, never its credentials
   * @param available false while it is skipped after a failure or too much lag
   * @param lag its replay lag at the last check (zero when it had replayed all it received)
   * @param problem why it is skipped, or the last reason it was; empty when it never was
   */
  public record Replica(String address, boolean available, Duration lag, String problem) {}
}
