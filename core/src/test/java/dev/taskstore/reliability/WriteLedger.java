package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.TaskBase;
import dev.taskstore.TaskStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writes of a load that a server outage interrupts: even writers insert one task, odd ones two in a
 * transaction, each titled by its key. The ledger remembers which writes returned normally (acknowledged) and
 * which transactions were tried, and afterwards reads the table to find acknowledged writes that are missing
 * and transactions that were stored in part.
 */
final class WriteLedger {

  /** Keys of single inserts and of two-row transactions that returned normally. */
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  /** Every two-row transaction tried, acknowledged or not: each must be stored whole or not at all. */
  private final Set<String> pairsTried = ConcurrentHashMap.newKeySet();

  /** Writes the {@code seq}th write of {@code worker}; throws what the store threw, and then it is not acknowledged. */
  void write(TaskStore store, int worker, long seq) {
    String key = "w" + worker + "-" + seq;
    if (worker % 2 == 0) {
      store.tasks().create(TaskBase.of(key));
    } else {
      pairsTried.add(key);
      store.useTransaction(tx -> {
        tx.tasks().create(TaskBase.of(key + "/a"));
        tx.tasks().create(TaskBase.of(key + "/b"));
      });
    }
    acknowledged.add(key);
  }

  /** How many writes were acknowledged so far. */
  int acknowledged() {
    return acknowledged.size();
  }

  /**
   * Reads the table at {@code url}: asserts that every transaction tried is stored whole or not at all, and
   * returns the acknowledged writes that are missing.
   */
  Set<String> lost(String url) throws SQLException {
    Set<String> stored = titles(url);
    Set<String> lost = new HashSet<>();
    for (String key : acknowledged) {
      boolean pair = pairsTried.contains(key);
      if (pair ? !(stored.contains(key + "/a") && stored.contains(key + "/b")) : !stored.contains(key)) {
        lost.add(key);
      }
    }
    for (String key : pairsTried) {
      assertThat(stored.contains(key + "/a")).as("transaction %s stored whole or not at all", key)
          .isEqualTo(stored.contains(key + "/b"));
    }
    return lost;
  }

  private static Set<String> titles(String url) throws SQLException {
    Set<String> titles = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT title FROM task")) {
      while (rs.next()) {
        titles.add(rs.getString(1));
      }
    }
    return titles;
  }
}
