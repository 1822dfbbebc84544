package dev.taskstore;

import java.util.List;

/**
 * A team with its members, read in one query.
 *
 * @param team the team
 * @param members its members in id order; empty when it has none
 */
public record TeamWithMembers(TeamRead team, List<UserRead> members) {

  /**
   * Copies the list, so the record stays immutable.
   *
   * @param team the team
   * @param members its members in id order; empty when it has none
   */
  public TeamWithMembers {
    members = List.copyOf(members);
  }
}
