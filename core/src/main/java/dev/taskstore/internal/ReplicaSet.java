package dev.taskstore.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.ReplicaConfig;
import dev.taskstore.ReplicaStats;
import dev.taskstore.TaskStoreConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's read replicas: a small pool each, which replica serves a read, whether it has replayed what the
 * read must see, and which replicas are skipped for now (down, refusing, lagging). Not public API.
 */
final class ReplicaSet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplicaSet.class);

  /** How often a replica in use is asked for its lag, at most (by the read that finds the check due). */
  private static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The longest pause between two looks at a replica's replay position while a read waits for it. */
  private static final long MAX_POLL_MILLIS = 16;

  /**
   * Where the server has replayed to (a promoted replica: where it writes), and its lag: the time since the last
   * replayed commit while it has received WAL it has not replayed yet, else zero (a replica that replayed all it
   * received is as fresh as its stream).
   */
  private static final String STATE_SQL = "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
      + "ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn)::bigint, "
      + "CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0 "
      + "ELSE COALESCE(floor(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000), 0) "
      + "END::bigint";

  private final Replica[] replicas;
  private final AtomicInteger next = new AtomicInteger();
  private final LongAdder replicaReads = new LongAdder();
  private final LongAdder primaryReads = new LongAdder();
  private final long maxWaitNanos;
  private final long maxLagMillis;
  private final long retryNanos;

  ReplicaSet(TaskStoreConfig store, ReplicaConfig config, Properties driverProperties) {
    this.maxWaitNanos = config.maxWait().toNanos();
    this.maxLagMillis = config.maxLag().toMillis();
    this.retryNanos = config.retryInterval().toNanos();
    List<String> urls = config.jdbcUrls();
    this.replicas = new Replica[urls.size()];
    for (int i = 0; i < replicas.length; i++) {
      replicas[i] = new Replica(address(urls.get(i)), pool(store, config, urls.get(i), i + 1, driverProperties));
    }
  }

  private static HikariDataSource pool(TaskStoreConfig store, ReplicaConfig config, String url, int number,
      Properties driverProperties) {
    HikariConfig h = new HikariConfig();
    h.setPoolName(store.poolName() + "-replica-" + number);
    h.setJdbcUrl(url);
    if (!url.contains("user=")) {
      store.username().ifPresent(h::setUsername);
      store.password().ifPresent(h::setPassword);
    }
    Properties p = new Properties();
    p.putAll(driverProperties);
    p.setProperty("ApplicationName", h.getPoolName());
    // A replica that does not answer must not hold a read longer than the wait for its pool.
    p.setProperty("connectTimeout", Long.toString(Math.max(1, config.connectionTimeout().toSeconds())));
    h.setDataSourceProperties(p);
    h.setMinimumIdle(1);
    h.setMaximumPoolSize(config.maximumPoolSize());
    h.setConnectionTimeout(config.connectionTimeout().toMillis());
    h.setValidationTimeout(Math.max(250, config.connectionTimeout().toMillis() / 2));
    h.setIdleTimeout(Math.min(store.idleTimeout().toMillis(), 600_000));
    h.setMaxLifetime(store.maxLifetime().toMillis());
    h.setKeepaliveTime(store.keepaliveTime().toMillis());
    // Open even when the replica is down: its reads go to the primary until it is back.
    h.setInitializationFailTimeout(-1);
    h.setAutoCommit(true);
    return new HikariDataSource(h);
  }

  /** Host and port (or hosts) of a JDBC URL: never its user, password or parameters. */
  private static String address(String url) {
    int start = url.indexOf("//");
    if (start < 0) {
      return "localhost";
    }
    String rest = url.substring(start + 2);
    int end = rest.length();
    for (char ch : new char[] {'/', '?'}) {
      int i = rest.indexOf(ch);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return rest.substring(0, end);
  }

  /**
   * A connection of a replica that has replayed at least {@code floor} (0: any replica, however stale), or null
   * when none can serve the read now: it then goes to the primary.
   */
  Lease connect(long floor) {
    int n = replicas.length;
    int first = n == 1 ? 0 : Math.floorMod(next.getAndIncrement(), n);
    for (int i = 0; i < n; i++) {
      Replica r = replicas[(first + i) % n];
      Connection c = r.connect(floor);
      if (c != null) {
        replicaReads.increment();
        return new Lease(r, c);
      }
    }
    primaryReads.increment();
    return null;
  }

  /**
   * After a read on a replica failed: when the connection was lost or could not be used, the replica is skipped
   * and true returned (the read may run again on the primary); false for any other failure, which is the read's.
   */
  boolean lost(Lease lease, Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57P")) {
          lease.replica.skip("the connection failed (SQLSTATE " + state + ")");
          // The replica's other pooled connections most likely went the same way (a restart, a failover).
          if (!lease.replica.pool.isClosed() && lease.replica.pool.getHikariPoolMXBean() != null) {
            lease.replica.pool.getHikariPoolMXBean().softEvictConnections();
          }
          return true;
        }
        return false;
      }
    }
    return false;
  }

  /** Counts a read that a replica began but the primary served. */
  void countPrimaryRead() {
    replicaReads.decrement();
    primaryReads.increment();
  }

  /** The replicas' state. */
  ReplicaStats stats() {
    List<ReplicaStats.Replica> list = new ArrayList<>(replicas.length);
    for (Replica r : replicas) {
      list.add(new ReplicaStats.Replica(r.address, !r.skipped, Duration.ofMillis(r.lagMillis), r.problem));
    }
    return new ReplicaStats(list, replicaReads.sum(), primaryReads.sum());
  }

  /** Replaces the replicas' pooled connections (after a migration: their prepared statements are stale too). */
  void replaceConnections() {
    for (Replica r : replicas) {
      if (!r.pool.isClosed() && r.pool.getHikariPoolMXBean() != null) {
        r.pool.getHikariPoolMXBean().softEvictConnections();
      }
    }
  }

  @Override
  public void close() {
    for (Replica r : replicas) {
      r.pool.close();
    }
  }

  /** A replica's connection lent for one read or one read-only transaction. */
  record Lease(Replica replica, Connection connection) {}

  /** One replica: its pool and what the store knows of it. */
  final class Replica {
    private final String address;
    private final HikariDataSource pool;
    /** True while it is skipped, until {@link #skippedUntil}. */
    private volatile boolean skipped;
    private volatile long skippedUntil;
    /** The furthest position it was seen to have replayed. */
    private volatile long replayed;
    private volatile long lagMillis;
    private volatile long checkedAt = System.nanoTime() - CHECK_INTERVAL_NANOS - 1;
    /** When a check first saw it lag past the maximum (0: the last check did not). */
    private volatile long laggingSince;
    private volatile String problem = "";

    Replica(String address, HikariDataSource pool) {
      this.address = address;
      this.pool = pool;
    }

    /** A connection when this replica can serve a read that must see {@code floor}, else null. */
    Connection connect(long floor) {
      long now = System.nanoTime();
      if (skipped && now - skippedUntil < 0) {
        return null;
      }
      Connection c;
      try {
        c = pool.getConnection();
      } catch (SQLException e) {
        skip("cannot connect (SQLSTATE " + e.getSQLState() + ")");
        return null;
      }
      try {
        if (skipped || now - checkedAt > CHECK_INTERVAL_NANOS || floor > replayed) {
          if (!check(c) || (floor > replayed && !awaitReplay(c, floor, now + maxWaitNanos))) {
            c.close();
            return null;
          }
        }
        if (skipped) {
          skipped = false;
          log.info("replica {} is in use again", address);
        }
        return c;
      } catch (SQLException e) {
        closeQuietly(c);
        skip("a check failed (SQLSTATE " + e.getSQLState() + ")");
        return null;
      }
    }

    /** Asks the replica its position and lag; false (and skipped) when it lags more than allowed. */
    private boolean check(Connection c) throws SQLException {
      long lsn;
      long lag;
      try (PreparedStatement ps = c.prepareStatement(STATE_SQL); ResultSet rs = ps.executeQuery()) {
        rs.next();
        lsn = rs.getLong(1);
        lag = rs.getLong(2);
      }
      if (lsn > replayed) {
        replayed = lsn;
      }
      lagMillis = lag;
      long now = System.nanoTime();
      checkedAt = now;
      if (lag <= maxLagMillis) {
        laggingSince = 0;
        return true;
      }
      // The lag is measured from the last replayed commit: after the primary was idle, the first new commit
      // makes a replica look as far behind as the idle time until it replays it, a moment later. Only a lag
      // that two checks a check interval apart both see skips the replica.
      long since = laggingSince;
      if (since == 0) {
        laggingSince = now;
        return true;
      }
      if (now - since < CHECK_INTERVAL_NANOS) {
        return true;
      }
      skip("it lags " + lag + " ms behind, more than maxLag=" + maxLagMillis + " ms");
      return false;
    }

    /**
     * Waits until the replica has replayed {@code floor}, looking again after growing pauses; false when it has
     * not by the deadline (or the thread is interrupted): the read then goes to the primary.
     */
    private boolean awaitReplay(Connection c, long floor, long deadline) throws SQLException {
      long pause = 1;
      while (floor > replayed) {
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) - deadline > 0) {
          return false;
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        if (!check(c)) {
          return false;
        }
      }
      return true;
    }

    /** Skips the replica for the retry interval; the first time with a WARN an operator should act on. */
    void skip(String reason) {
      problem = reason;
      skippedUntil = System.nanoTime() + retryNanos;
      if (!skipped) {
        skipped = true;
        log.warn("replica {} is skipped for {} ms: {}; its reads go to another replica or the primary", address,
            TimeUnit.NANOSECONDS.toMillis(retryNanos), reason);
      } else {
        log.debug("replica {} is still skipped: {}", address, reason);
      }
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing a replica connection failed", e);
    }
  }
}
