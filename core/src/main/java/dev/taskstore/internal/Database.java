package dev.taskstore.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.taskstore.ConnectionException;
import dev.taskstore.ConnectionSource;
import dev.taskstore.DatabaseException;
import dev.taskstore.DiskFullException;
import dev.taskstore.PoolMode;
import dev.taskstore.PoolStats;
import dev.taskstore.RetryableException;
import dev.taskstore.TaskStoreConfig;
import dev.taskstore.TransactionOptions;
import dev.taskstore.IsolationLevel;
import dev.taskstore.ReplicaStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection source (a HikariCP pool, a fresh connection per unit of work, or the application's
 * DataSource), the jOOQ configuration and the error translator of one store. Not public API.
 */
public final class Database implements SqlAccess, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /**
   * How long one wait for a pooled connection lasts before the wait looks at why connections cannot be made:
   * a permanent refusal ends the call then, instead of after the whole connection timeout.
   */
  private static final long WAIT_SLICE_MILLIS = 250;

  /**
   * How old a recorded refusal may be and still stand for the server now: HikariCP retries a failed connection
   * at most 5 s apart while it needs one, so a younger refusal is its latest word; an older one may be from
   * before the problem was fixed.
   */
  private static final long REFUSAL_FRESHNESS_NANOS = 5_500_000_000L;

  /** The server's refusals that no retry can mend: wrong password, unknown role or database. */
  private static final Set<String> PERMANENT_REFUSALS = Set.of("28P01", "28000", "3D000");

  /** The server ended the connection, or it broke. */
  private static final Set<String> LOST_CONNECTION = Set.of("57P01", "57P02", "57P03", "08006");

  static {
    // jOOQ prints a banner and tips on first use; a library must stay quiet.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private final TaskStoreConfig config;
  private final SchemaSql schemaSql;
  /** Where calls take connections: the pool, the driver, or the application's DataSource. */
  private final DataSource dataSource;
  /** The application's source of connections (its DataSource, or transaction-aware); null for our own. */
  private final ConnectionSource host;
  /** The driver's own connections (pooled by {@link #pool} or lent as they are); null with a host DataSource. */
  private final DriverDataSource driver;
  private final HikariDataSource pool;
  private final HikariPool hikariPool;
  private final Configuration jooq;
  private final DSLContext dsl;
  private final ErrorTranslator translator;
  private final TransactionRunner transactions = new TransactionRunner(this);
  private final StatementLog statementLog;
  /** The application's tracing and metrics, or null. */
  private final CallObserver observer;
  /** The read replicas, or null: then every call goes to the one database, as before replicas existed. */
  private final ReplicaSet replicas;
  /** Whether reads must see the store's own writes (with replicas). */
  private final boolean readYourWrites;
  /** The WAL position after the store's latest acknowledged write (kept with replicas only). */
  private final AtomicLong lastWrite = new AtomicLong();
  /** Whether Observations carry {@code db.query.text}, the parameterised SQL. */
  private final boolean observeQueryText;
  private volatile boolean closed;

  /** A read floor that sends the read to the primary. */
  static final long PRIMARY = -1;

  /**
   * Where the store's latest write ends in the WAL. The insert position, not the write position: with
   * {@code synchronous_commit = off} a commit returns before its record is written, and a replica that has
   * replayed the insert position has replayed the commit.
   */
  private static final String WRITE_POSITION_SQL = "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint";

  /** Opens the connection source; a pool connects lazily in the background and fails fast on use. */
  public Database(TaskStoreConfig config) {
    this.config = config;
    this.schemaSql = SchemaSql.of(config.schema());
    this.statementLog = new StatementLog(config.slowCallThreshold());
    this.observeQueryText = config.observeQueryText() && config.observationRegistry().isPresent();
    this.observer = config.observationRegistry().isPresent()
        ? new MicrometerCallObserver(config.observationRegistry().get(), config.schema(), jdbcUrl(config)) : null;
    if (config.dataSource().isPresent()) {
      this.driver = null;
      this.pool = null;
      this.hikariPool = null;
      DataSource application = config.dataSource().get();
      this.dataSource = application;
      this.host = config.connectionSource().orElseGet(() -> new PlainSource(application));
    } else if (config.poolMode() == PoolMode.POOLED) {
      this.driver = driver(config, driverProperties(config, config.poolName(), true));
      this.pool = new HikariDataSource(hikariConfig(config, driver));
      this.hikariPool = (HikariPool) pool.getHikariPoolMXBean();
      this.dataSource = pool;
      this.host = null;
    } else {
      this.driver = driver(config, driverProperties(config, config.poolName(), true));
      this.pool = null;
      this.hikariPool = null;
      this.dataSource = driver;
      this.host = null;
    }
    this.replicas = driver != null && config.replicas().isPresent()
        ? new ReplicaSet(config, config.replicas().get(), driverProperties(config, config.poolName(), true)) : null;
    this.readYourWrites = config.replicas().map(r -> r.readYourWrites()).orElse(false);
    this.translator = new ErrorTranslator(this::describePool);
    this.jooq = new DefaultConfiguration()
        .set(SQLDialect.POSTGRES)
        .set(new ConnectionProvider() {
          @Override
          public Connection acquire() {
            try {
              return connect();
            } catch (SQLException e) {
              throw new DataAccessException("getting a connection failed", e);
            }
          }

          @Override
          public void release(Connection connection) {
            try {
              Database.this.release(connection);
            } catch (SQLException e) {
              throw new DataAccessException("returning a connection failed", e);
            }
          }
        })
        .set(SchemaSql.settings(config.schema()))
        // The statements jOOQ runs itself (not rendered once): their SQL, for the TRACE log and db.query.text.
        .set(ExecuteListener.onExecuteStart(ctx -> SqlText.note(ctx.sql())));
    this.dsl = DSL.using(jooq);
  }

  private static HikariConfig hikariConfig(TaskStoreConfig c, DataSource driver) {
    HikariConfig h = new HikariConfig();
    h.setPoolName(c.poolName());
    // The pool makes its connections through the driver data source (URL, credentials and driver settings
    // set there), which remembers why the last one failed: see connect().
    h.setDataSource(driver);
    h.setMinimumIdle(c.minimumIdle());
    h.setMaximumPoolSize(c.maximumPoolSize());
    h.setConnectionTimeout(c.connectionTimeout().toMillis());
    h.setValidationTimeout(c.validationTimeout().toMillis());
    h.setIdleTimeout(c.idleTimeout().toMillis());
    h.setMaxLifetime(c.maxLifetime().toMillis());
    h.setKeepaliveTime(c.keepaliveTime().toMillis());
    // Open the pool even when the database is down at start: calls fail fast until it is back.
    h.setInitializationFailTimeout(-1);
    h.setAutoCommit(true);
    c.metricsTrackerFactory().ifPresent(h::setMetricsTrackerFactory);
    return h;
  }

  private static DriverDataSource driver(TaskStoreConfig c, Properties properties) {
    DriverDataSource ds = new DriverDataSource();
    ds.setUrl(c.jdbcUrl().orElseThrow());
    c.username().ifPresent(ds::setUser);
    c.password().ifPresent(ds::setPassword);
    try {
      for (var e : properties.entrySet()) {
        ds.setProperty((String) e.getKey(), (String) e.getValue());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("bad driver property", e);
    }
    return ds;
  }

  /** Driver settings shared by both modes and by migrations. */
  private static Properties driverProperties(TaskStoreConfig c, String applicationName, boolean statementTimeout) {
    Properties p = new Properties();
    p.setProperty("ApplicationName", applicationName);
    // Lets the server drop its side of a connection to a dead client, and the client notice a dead server.
    p.setProperty("tcpKeepAlive", "true");
    // Multi-row batches are rewritten into one INSERT: far fewer round trips for bulk inserts.
    p.setProperty("reWriteBatchedInserts", "true");
    // The server's DETAIL quotes the values of a failed row ("Key (lower(email))=(ann@x.org) already exists"):
    // kept out of the driver's messages, which end up in stack traces and logs as the cause of ours. The
    // translator reads constraint, table and column from the error's fields, which stay. A URL that sets it wins.
    if (!c.jdbcUrl().orElse("").contains("logServerErrorDetail")) {
      p.setProperty("logServerErrorDetail", "false");
    }
    if (statementTimeout && !c.statementTimeout().isZero()) {
      p.setProperty("options", "-c statement_timeout=" + c.statementTimeout().toMillis());
    }
    // A server that stops answering without closing the connection would hold the call until TCP gives up
    // (minutes to hours): the driver's socket timeout ends the wait with SQLSTATE 08006, a ConnectionException.
    // Left out of migrations, like the statement timeout. A URL that sets it wins.
    if (statementTimeout && !c.socketTimeout().isZero() && !c.jdbcUrl().orElse("").contains("socketTimeout")) {
      p.setProperty("socketTimeout", Long.toString(c.socketTimeout().getSeconds()));
    }
    return p;
  }

  /**
   * Fresh connections for one run of the migrations, outside the pool, as the guide runs Alembic with a
   * {@code NullPool}: Flyway needs two connections at once (its lock and its work), which a small or busy pool
   * may not have free, and a long migration must not be cut by the application's statement timeout. The
   * connections show as application {@code <poolName>-migrate}.
   */
  public DataSource migrationDataSource() {
    if (driver == null) {
      return dataSource; // the application's: its settings are its own
    }
    return driver(config, driverProperties(config, config.poolName() + "-migrate", false));
  }

  /** The database's URL when taskstore knows it: its own, or that of an application's HikariCP pool. */
  private static String jdbcUrl(TaskStoreConfig config) {
    if (config.jdbcUrl().isPresent()) {
      return config.jdbcUrl().get();
    }
    return config.dataSource().orElse(null) instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : null;
  }

  /** Whether an SQLSTATE (or null) is a refusal of a new connection that waiting cannot mend. */
  static boolean isPermanentRefusal(String sqlState) {
    return sqlState != null && PERMANENT_REFUSALS.contains(sqlState);
  }

  /**
   * A connection for one unit of work. From the store's own pool, the wait lasts up to the connection
   * timeout, but ends as soon as the server has refused a new connection for good (wrong password, unknown role
   * or database): that refusal is thrown then, the same a call without a pool meets at once. A host
   * DataSource's connection must come in auto-commit mode, or a call's writes would never be committed.
   */
  Connection connect() throws SQLException {
    if (closed) {
      throw new SQLException("the store is closed");
    }
    if (host != null) {
      Connection c = host.getConnection();
      boolean usable = false;
      try {
        if (!host.isTransactional(c) && !c.getAutoCommit()) {
          throw new DatabaseException("the application's DataSource lent a connection that is not in auto-commit "
              + "mode: configure the pool to lend auto-commit connections (the default of every pool)", null, null);
        }
        usable = true;
        return c;
      } finally {
        if (!usable) {
          host.releaseConnection(c);
        }
      }
    }
    if (hikariPool == null) {
      return dataSource.getConnection();
    }
    long start = System.nanoTime();
    long deadline = start + config.connectionTimeout().toNanos();
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      // Slices only while the pool has no connection at all, the one state in which a refusal can be why: a
      // pool that has connections is busy, and waits in one turn (each timed-out slice would count as a timeout
      // in HikariCP's metrics and lose the caller its place in HikariCP's fair queue).
      boolean slice = hikariPool.getTotalConnections() == 0 && left > WAIT_SLICE_MILLIS;
      try {
        return hikariPool.getConnection(Math.max(1, slice ? WAIT_SLICE_MILLIS : left));
      } catch (SQLTransientConnectionException e) {
        SQLException refusal = driver.permanentRefusalSince(start - REFUSAL_FRESHNESS_NANOS);
        if (refusal != null) {
          throw new SQLException(refusal.getMessage(), refusal.getSQLState(), refusal);
        }
        if (!slice || pool.isClosed()) {
          throw e;
        }
      }
    }
  }

  /** Gives back a connection from {@link #connect()}. */
  void release(Connection connection) throws SQLException {
    if (host != null) {
      host.releaseConnection(connection);
    } else {
      connection.close();
    }
  }

  /** Whether a connection from {@link #connect()} is in a transaction the application runs. */
  boolean inHostTransaction(Connection connection) {
    return host != null && host.isTransactional(connection);
  }

  /** The statements of the store's schema. */
  SchemaSql schemaSql() {
    return schemaSql;
  }

  /**
   * A failure of this store's, translated; and, apart from translating, what it means for the pooled
   * connections: after the server ended a connection or it broke (57P01 to 57P03, 08006) the others most
   * likely went with it (a restart, a failover, a {@code pg_terminate_backend} sweep), and after a statement
   * stopped matching the schema (0A000, cached plan) every connection holds such statements: both replace the
   * pool's connections. An application's pool is left to the application.
   */
  public RuntimeException failure(Throwable e) {
    RuntimeException translated = translator.translate(e);
    if (translated instanceof ConnectionException c && c.sqlState().filter(LOST_CONNECTION::contains).isPresent()) {
      replaceConnectionsAfterLoss();
    } else if (translated instanceof RetryableException r && r.sqlState().filter("0A000"::equals).isPresent()) {
      replaceConnectionsAfterStalePlan();
    } else if (translated instanceof DiskFullException) {
      log.warn("pool '{}': the database server's disk is full (SQLSTATE 53100): writes fail until space is "
          + "freed on the server; reads still work", config.poolName());
    }
    return translated;
  }

  /** The translator of this store's failures. */
  public ErrorTranslator translator() {
    return translator;
  }

  /** The store's configuration. */
  public TaskStoreConfig config() {
    return config;
  }

  /** A jOOQ context bound to one connection (for transactions). */
  DSLContext dslOn(Connection connection) {
    return DSL.using(jooq.derive(new DefaultConnectionProvider(connection)));
  }

  @Override
  public <T> T call(Op op, Function<DSLContext, T> work) {
    return call(op, work, readFloor());
  }

  /** A call on jOOQ's DSL routed as {@link #withConnection(Op, JdbcWork, long)} routes it. */
  <T> T call(Op op, Function<DSLContext, T> work, long floor) {
    if (replicas == null) {
      return observed(op, () -> work.apply(dsl));
    }
    return withConnection(op, c -> work.apply(dslOn(c)), floor);
  }

  /**
   * The WAL position a read through the store must see: the store's latest write with read-your-writes, 0
   * (any replica) without.
   */
  long readFloor() {
    return readYourWrites ? lastWrite.get() : 0;
  }

  /** Whether the store has read replicas. */
  boolean hasReplicas() {
    return replicas != null;
  }

  /** The replicas' state; empty without replicas. */
  public ReplicaStats replicaStats() {
    return replicas == null ? new ReplicaStats(java.util.List.of(), 0, 0) : replicas.stats();
  }

  /** A consistency token for the store's latest acknowledged write. */
  public String consistencyToken() {
    return Lsn.format(lastWrite.get());
  }

  /**
   * A replica's connection for a transaction with these options, or null for the primary: only read-only
   * transactions may go to a replica, and not SERIALIZABLE ones, which a hot standby refuses.
   */
  ReplicaSet.Lease replicaFor(TransactionOptions options, long floor) {
    if (replicas == null || !options.readOnly() || floor < 0 || options.isolation() == IsolationLevel.SERIALIZABLE) {
      return null;
    }
    return replicas.connect(floor);
  }

  /** After a transaction on a replica failed: a lost connection skips the replica for a while. */
  void replicaFailed(ReplicaSet.Lease lease, Throwable failure) {
    replicas.lost(lease, failure);
  }

  /**
   * With replicas, records where a write the primary acknowledged on {@code c} ends in the WAL: the one
   * extra round trip a write pays for read-your-writes. A failure to learn it is logged, not thrown: the write
   * itself succeeded.
   */
  void recordWrite(Connection c) {
    if (replicas == null) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(WRITE_POSITION_SQL); ResultSet rs = ps.executeQuery()) {
      rs.next();
      long lsn = Lsn.recordEnd(rs.getLong(1));
      lastWrite.accumulateAndGet(lsn, Math::max);
    } catch (SQLException e) {
      log.warn("pool '{}': could not read the WAL position after a write (SQLSTATE {}); a read right after it may "
          + "miss it on a replica", config.poolName(), e.getSQLState());
    }
  }

  /** Runs the work in a transaction of the store's one mechanism (a savepoint in the application's). */
  @Override
  public <T> T atomic(Function<SqlAccess, T> work) {
    return transactions.run(TransactionOptions.defaults(), tx -> work.apply((JdbcTransaction) tx));
  }

  /** The store's transactions. */
  public TransactionRunner transactions() {
    return transactions;
  }

  @Override
  public <T> T withConnection(Op op, JdbcWork<T> work) {
    if (replicas != null) {
      return withConnection(op, work, readFloor());
    }
    return observed(op, () -> {
      Connection c = connect();
      try {
        return work.run(SqlText.noting(c));
      } finally {
        release(c);
      }
    });
  }

  /**
   * With replicas: a read ({@link Op#reads()}) on a replica that has replayed {@code floor} (0: any replica,
   * {@link #PRIMARY}: none), else on the primary, and once more on the primary when the replica's connection
   * failed; a write on the primary, its WAL position recorded.
   */
  <T> T withConnection(Op op, JdbcWork<T> work, long floor) {
    if (replicas == null || !op.reads()) {
      return observed(op, () -> {
        Connection c = connect();
        try {
          T result = work.run(SqlText.noting(c));
          recordWrite(c);
          return result;
        } finally {
          release(c);
        }
      });
    }
    return observed(op, () -> {
      ReplicaSet.Lease lease = floor < 0 ? null : replicas.connect(floor);
      if (lease != null) {
        try {
          return work.run(SqlText.noting(lease.connection()));
        } catch (SQLException | RuntimeException e) {
          if (!replicas.lost(lease, e)) {
            throw e;
          }
          replicas.countPrimaryRead();
          log.debug("a read on a replica lost its connection; reading from the primary", e);
        } finally {
          lease.connection().close();
        }
      }
      Connection c = connect();
      try {
        return work.run(SqlText.noting(c));
      } finally {
        release(c);
      }
    });
  }

  /**
   * Runs one database call: the one point every call of the store passes, inside a transaction or not, where
   * it is translated and reported ({@link StatementLog}).
   */
  @SuppressWarnings("unchecked")
  <T> T observed(Op op, SqlCall<T> call) {
    long start = statementLog.start();
    Object observation = observer == null ? null : observer.start(op);
    // The parameterised SQL only while the TRACE log or db.query.text will show it; a JDBC step's never.
    SqlText sql = op != Op.JDBC && (observeQueryText || statementLog.showsSql()) ? SqlText.begin() : null;
    Throwable failure = null;
    Object result = null;
    try {
      result = call.run();
      return (T) result;
    } catch (SQLException | RuntimeException e) {
      RuntimeException translated = failure(e);
      failure = translated;
      throw translated;
    } catch (Error e) {
      failure = e;
      throw e;
    } finally {
      String text = sql == null ? null : sql.end();
      if (observation != null) {
        observer.stop(observation, failure, observeQueryText ? text : null);
      }
      statementLog.end(op, start, failure, result, text);
    }
  }

  /** The application's tracing and metrics, or null. */
  CallObserver observer() {
    return observer;
  }

  /** A database call. */
  @FunctionalInterface
  interface SqlCall<T> {
    T run() throws SQLException;
  }

  /** The pool's state; all zeros without a pool. */
  public PoolStats poolStats() {
    if (pool == null) {
      return new PoolStats(0, 0, 0, 0, 0);
    }
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean == null) { // not started yet, or closed
      return new PoolStats(0, 0, 0, 0, config.maximumPoolSize());
    }
    return new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(),
        bean.getThreadsAwaitingConnection(), bean.getTotalConnections(), config.maximumPoolSize());
  }

  /** HikariCP's pool, for metrics wiring; null in {@link PoolMode#NONE} and with a host DataSource. */
  public HikariDataSource pool() {
    return pool;
  }

  /**
   * Replaces every pooled connection (idle ones now, lent ones when they come back), dropping the statements
   * prepared on them.
   */
  public void replaceConnections() {
    HikariPoolMXBean bean = pool == null || pool.isClosed() ? null : pool.getHikariPoolMXBean();
    if (bean != null) {
      bean.softEvictConnections();
    }
    if (replicas != null) {
      replicas.replaceConnections();
    }
  }

  /**
   * After the server ended one connection: the others were most likely ended by the same restart or
   * termination sweep, and HikariCP tests a connection before lending it only after 500 ms idle, so each
   * would fail one call. A spurious replacement costs only new connections.
   */
  private void replaceConnectionsAfterLoss() {
    log.debug("pool '{}': the server ended a connection; replacing the pool's connections", config.poolName());
    replaceConnections();
  }

  private void replaceConnectionsAfterStalePlan() {
    log.warn("pool '{}': a statement no longer matches the schema (SQLSTATE 0A000, changed by a migration?); "
        + "replacing all connections", config.poolName());
    replaceConnections();
  }

  private String describePool() {
    if (driver == null) {
      return "the application's DataSource (" + dataSource.getClass().getName() + ")";
    }
    if (pool == null) {
      return "no pool (poolMode=NONE)";
    }
    PoolStats s = poolStats();
    return "pool '" + config.poolName() + "' maximumPoolSize=" + s.maximum() + ", total=" + s.total()
        + ", active=" + s.active() + ", idle=" + s.idle() + ", waiting=" + s.waiting()
        + ", connectionTimeout=" + config.connectionTimeout().toMillis() + " ms";
  }

  @Override
  public void close() {
    closed = true;
    if (replicas != null) {
      replicas.close();
    }
    if (pool != null) {
      pool.close();
      log.debug("closed pool {}", config.poolName());
    }
    if (driver != null) {
      driver.close();
    }
    // An application's DataSource stays open: it is the application's.
  }

  /** An application's plain DataSource: connections borrowed and closed, never in its transaction. */
  private record PlainSource(DataSource dataSource) implements ConnectionSource {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void releaseConnection(Connection connection) throws SQLException {
      connection.close();
    }

    @Override
    public boolean isTransactional(Connection connection) {
      return false;
    }
  }

  /**
   * pgjdbc's plain data source, one new connection per {@code getConnection()}: the connections HikariCP
   * pools, or those lent as they are in {@link PoolMode#NONE}. It refuses once the store is closed, so that
   * both modes behave alike after {@link #close()}, and remembers whether the server's last answer to a new
   * connection was a permanent refusal.
   */
  private static final class DriverDataSource extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;
    private volatile boolean closed;
    private transient volatile SQLException permanentRefusal;
    private volatile long refusedAt;

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      if (closed) {
        throw new SQLException("the store is closed");
      }
      try {
        Connection c = super.getConnection(user, password);
        permanentRefusal = null;
        return c;
      } catch (SQLException e) {
        refusedAt = System.nanoTime();
        permanentRefusal = isPermanentRefusal(e.getSQLState()) ? e : null;
        throw e;
      }
    }

    /**
     * The refusal of the last attempt to connect when it was permanent and came after {@code since} (a
     * {@code System.nanoTime()}): an old refusal says nothing about the server now. Null otherwise.
     */
    SQLException permanentRefusalSince(long since) {
      SQLException refusal = permanentRefusal;
      return refusal != null && refusedAt - since >= 0 ? refusal : null;
    }

    void close() {
      closed = true;
    }
  }
}
