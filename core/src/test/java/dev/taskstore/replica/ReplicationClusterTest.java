package dev.taskstore.replica;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test harness itself: a standby made from a base backup streams and replays the primary's writes. */
class ReplicationClusterTest {

  @Test
  void standbyReplaysThePrimarysWrites() {
    try (ReplicationCluster cluster = ReplicationCluster.start(1, false)) {
      PgNode standby = cluster.standbys.get(0);
      assertThat(standby.sql("SELECT pg_is_in_recovery()")).isEqualTo("t");
      assertThat(cluster.primary.sql("SELECT pg_is_in_recovery()")).isEqualTo("f");
      cluster.primary.sql("CREATE TABLE harness(x int)", "INSERT INTO harness VALUES (42)");
      cluster.awaitReplay(standby);
      assertThat(standby.sql("SELECT x FROM harness")).isEqualTo("42");
    }
  }
}
