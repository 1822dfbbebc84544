package dev.taskstore.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.taskstore.PoolMode;
import dev.taskstore.PoolStats;
import dev.taskstore.TaskStoreConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection source (a HikariCP pool, or a fresh connection per unit of work), the jOOQ configuration
 * and the error translator of one store. Not public API.
 */
public final class Database implements SqlAccess, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  static {
    // jOOQ prints a banner and tips on first use; a library must stay quiet.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private final TaskStoreConfig config;
  private final DataSource dataSource;
  private final HikariDataSource pool;
  private final Configuration jooq;
  private final DSLContext dsl;
  private final ErrorTranslator translator;

  /** Opens the connection source; a pool connects lazily in the background and fails fast on use. */
  public Database(TaskStoreConfig config) {
    this.config = config;
    if (config.poolMode() == PoolMode.POOLED) {
      this.pool = new HikariDataSource(hikariConfig(config));
      this.dataSource = pool;
    } else {
      this.pool = null;
      this.dataSource = unpooled(config, driverProperties(config, config.poolName(), true));
    }
    this.translator = new ErrorTranslator(this::describePool, this::replaceConnectionsAfterLoss,
        this::replaceConnectionsAfterStalePlan);
    this.jooq = new DefaultConfiguration()
        .set(SQLDialect.POSTGRES)
        .set(new DataSourceConnectionProvider(dataSource))
        .set(jooqSettings());
    this.dsl = DSL.using(jooq);
  }

  /** jOOQ's settings for every store, and for the SQL {@link TaskSql} renders in advance. */
  static Settings jooqSettings() {
    return new Settings()
        .withExecuteLogging(false)
        .withRenderSchema(false)
        .withRenderCatalog(false)
        .withFetchWarnings(false)
        .withReturnAllOnUpdatableRecord(false);
  }

  private static HikariConfig hikariConfig(TaskStoreConfig c) {
    HikariConfig h = new HikariConfig();
    h.setPoolName(c.poolName());
    h.setJdbcUrl(c.jdbcUrl());
    c.username().ifPresent(h::setUsername);
    c.password().ifPresent(h::setPassword);
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
    driverProperties(c, c.poolName(), true).forEach((k, v) -> h.addDataSourceProperty((String) k, v));
    return h;
  }

  private static UnpooledDataSource unpooled(TaskStoreConfig c, Properties properties) {
    UnpooledDataSource ds = new UnpooledDataSource();
    ds.setUrl(c.jdbcUrl());
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
    if (statementTimeout && !c.statementTimeout().isZero()) {
      p.setProperty("options", "-c statement_timeout=" + c.statementTimeout().toMillis());
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
    return unpooled(config, driverProperties(config, config.poolName() + "-migrate", false));
  }

  /** The jOOQ context over the connection source (one connection per statement). */
  public DSLContext dsl() {
    return dsl;
  }

  /** The connection source. */
  public DataSource dataSource() {
    return dataSource;
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
  public <T> T call(Function<DSLContext, T> work) {
    try {
      return work.apply(dsl);
    } catch (RuntimeException e) {
      throw translator.translate(e);
    }
  }

  @Override
  public <T> T atomic(Function<DSLContext, T> work) {
    try {
      return dsl.transactionResult(cfg -> work.apply(DSL.using(cfg)));
    } catch (RuntimeException e) {
      throw translator.translate(e);
    }
  }

  @Override
  public <T> T withConnection(JdbcWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException | RuntimeException e) {
      throw translator.translate(e);
    }
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

  /** HikariCP's pool, for metrics wiring; null in {@link PoolMode#NONE}. */
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
    if (pool != null) {
      pool.close();
      log.debug("closed pool {}", config.poolName());
    } else {
      ((UnpooledDataSource) dataSource).close();
    }
  }

  /**
   * {@link PoolMode#NONE}: pgjdbc's plain data source, one new connection per {@code getConnection()}, which
   * refuses once the store is closed so that both modes behave alike after {@link #close()}.
   */
  private static final class UnpooledDataSource extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;
    private volatile boolean closed;

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      if (closed) {
        throw new SQLException("the store is closed");
      }
      return super.getConnection(user, password);
    }

    void close() {
      closed = true;
    }
  }
}
