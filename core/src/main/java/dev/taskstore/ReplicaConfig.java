package dev.taskstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Read replicas (PostgreSQL hot standbys fed by streaming replication) for a store's reads: see
 * {@link TaskStoreConfig.Builder#replicas(ReplicaConfig)}. Repository reads outside a transaction and read-only
 * transactions go to a replica; writes and read-write transactions go to the primary.
 *
 * <p>By default a store reads its own writes: before a replica read it makes sure the replica has replayed
 * the store's latest commit, waiting up to {@link #maxWait()}, and otherwise reads from the primary. A replica
 * that refuses connections, fails, or lags more than {@link #maxLag()} is skipped for
 * {@link #retryInterval()}; its reads go to another replica or to the primary.
 *
 * <pre>{@code
 * TaskStoreConfig.builder()
 *     .url("postgresql://db1:5432,db2:5432/app?targetServerType=primary&hostRecheckSeconds=2")
 *     .replicas(ReplicaConfig.builder().url("postgresql://db2:5432/app").build())
 *     .build();
 * }</pre>
 */
public final class ReplicaConfig {

  /** Default of {@link #maxWait()}: how long a read waits for a replica to replay the store's writes. */
  public static final long DEFAULT_MAX_WAIT_MILLIS = 100;
  /** Default of {@link #maxLag()}. */
  public static final long DEFAULT_MAX_LAG_MILLIS = 30_000;
  /** Default of {@link #retryInterval()}. */
  public static final long DEFAULT_RETRY_INTERVAL_MILLIS = 5_000;
  /** Default of {@link #connectionTimeout()}. */
  public static final long DEFAULT_CONNECTION_TIMEOUT_MILLIS = 1_000;
  /** Default of {@link #maximumPoolSize()}. */
  public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;

  private final List<String> jdbcUrls;
  private final Duration maxWait;
  private final Duration maxLag;
  private final Duration retryInterval;
  private final Duration connectionTimeout;
  private final int maximumPoolSize;
  private final boolean readYourWrites;

  private ReplicaConfig(Builder b) {
    this.jdbcUrls = List.copyOf(b.jdbcUrls);
    this.maxWait = b.maxWait;
    this.maxLag = b.maxLag;
    this.retryInterval = b.retryInterval;
    this.connectionTimeout = b.connectionTimeout;
    this.maximumPoolSize = b.maximumPoolSize;
    this.readYourWrites = b.readYourWrites;
  }

  /**
   * A builder with the defaults above; at least one URL must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the replicas' JDBC URLs, in the order given */
  public List<String> jdbcUrls() {
    return jdbcUrls;
  }

  /** @return how long a read waits for a replica to replay the writes it must see before reading from the primary */
  public Duration maxWait() {
    return maxWait;
  }

  /** @return the replay lag past which a replica is skipped */
  public Duration maxLag() {
    return maxLag;
  }

  /** @return how long a replica that failed or lagged is skipped before it is tried again */
  public Duration retryInterval() {
    return retryInterval;
  }

  /** @return how long a read waits for a replica's connection before reading from the primary */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /** @return the size of each replica's pool */
  public int maximumPoolSize() {
    return maximumPoolSize;
  }

  /** @return whether reads through the store see the store's own acknowledged writes (the default) */
  public boolean readYourWrites() {
    return readYourWrites;
  }

  /** Shows every setting, with passwords in URLs masked. */
  @Override
  public String toString() {
    return "ReplicaConfig[jdbcUrls=" + jdbcUrls.stream().map(DatabaseUrl::maskPassword).toList()
        + ", maxWait=" + maxWait + ", maxLag=" + maxLag + ", retryInterval=" + retryInterval
        + ", connectionTimeout=" + connectionTimeout + ", maximumPoolSize=" + maximumPoolSize
        + ", readYourWrites=" + readYourWrites + "]";
  }

  /** Builds a {@link ReplicaConfig}. Setters store; {@link #build()} validates. */
  public static final class Builder {
    private final List<String> jdbcUrls = new ArrayList<>();
    private Duration maxWait = Duration.ofMillis(DEFAULT_MAX_WAIT_MILLIS);
    private Duration maxLag = Duration.ofMillis(DEFAULT_MAX_LAG_MILLIS);
    private Duration retryInterval = Duration.ofMillis(DEFAULT_RETRY_INTERVAL_MILLIS);
    private Duration connectionTimeout = Duration.ofMillis(DEFAULT_CONNECTION_TIMEOUT_MILLIS);
    private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
    private boolean readYourWrites = true;

    private Builder() {}

    /**
     * Adds a replica, in any form {@link TaskStoreConfig.Builder#url(String)} accepts. Without a user and
     * password in the URL, the store's {@code username} and {@code password} are used.
     *
     * @param url the replica's URL
     * @return this builder
     * @throws ValidationException naming {@code url} when it is malformed or of another database
     */
    public Builder url(String url) {
      DatabaseUrl parsed = DatabaseUrl.parse(url);
      String jdbc = parsed.jdbcUrl();
      if (parsed.user() != null) {
        jdbc = jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + encode(parsed.user());
      }
      if (parsed.password() != null) {
        jdbc = jdbc + (jdbc.contains("?") ? "&" : "?") + "password=" + encode(parsed.password());
      }
      jdbcUrls.add(jdbc);
      return this;
    }

    /**
     * How long a read waits for a replica to replay the writes it must see (the store's own, or a
     * consistency token's) before it reads from the primary instead; default
     * {@value ReplicaConfig#DEFAULT_MAX_WAIT_MILLIS} ms. Zero: no waiting; a replica that has not replayed them
     * when asked is passed over at once.
     *
     * @param wait zero or more, at most 10 s
     * @return this builder
     */
    public Builder maxWait(Duration wait) {
      this.maxWait = wait;
      return this;
    }

    /**
     * The replay lag (time since the last replayed commit while the replica has received WAL it has not
     * replayed) past which a replica is skipped, when two checks a second apart see it (a replica is checked at
     * most once a second, by a read); default {@value ReplicaConfig#DEFAULT_MAX_LAG_MILLIS} ms.
     *
     * @param lag at least 1 ms
     * @return this builder
     */
    public Builder maxLag(Duration lag) {
      this.maxLag = lag;
      return this;
    }

    /**
     * How long a replica that failed or lagged is skipped before it is tried again; default
     * {@value ReplicaConfig#DEFAULT_RETRY_INTERVAL_MILLIS} ms.
     *
     * @param interval at least 100 ms
     * @return this builder
     */
    public Builder retryInterval(Duration interval) {
      this.retryInterval = interval;
      return this;
    }

    /**
     * How long a read waits for a connection of a replica's pool before it reads from the primary (and the
     * replica is skipped); default {@value ReplicaConfig#DEFAULT_CONNECTION_TIMEOUT_MILLIS} ms.
     *
     * @param timeout at least 250 ms
     * @return this builder
     */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = timeout;
      return this;
    }

    /**
     * The most connections each replica's pool opens; default {@value ReplicaConfig#DEFAULT_MAXIMUM_POOL_SIZE}.
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder maximumPoolSize(int size) {
      this.maximumPoolSize = size;
      return this;
    }

    /**
     * Whether a read through the store must see every write the store has acknowledged (default true). False
     * for a store whose reads accept staleness: they go to a replica without waiting. One call can opt out
     * with {@link TaskStore#allowingStaleReads()}.
     *
     * @param enabled false to read possibly stale data from replicas
     * @return this builder
     */
    public Builder readYourWrites(boolean enabled) {
      this.readYourWrites = enabled;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws ValidationException naming the first setting that is missing or out of range
     */
    public ReplicaConfig build() {
      if (jdbcUrls.isEmpty()) {
        throw new ValidationException("url", "at least one replica URL must be set");
      }
      if (maxWait == null || maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new ValidationException("maxWait", "must be between 0 and 10000 ms");
      }
      if (maxLag == null || maxLag.compareTo(Duration.ofMillis(1)) < 0) {
        throw new ValidationException("maxLag", "must be at least 1 ms");
      }
      if (retryInterval == null || retryInterval.compareTo(Duration.ofMillis(100)) < 0) {
        throw new ValidationException("retryInterval", "must be at least 100 ms");
      }
      if (connectionTimeout == null || connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
        throw new ValidationException("connectionTimeout", "must be at least 250 ms");
      }
      if (maximumPoolSize < 1) {
        throw new ValidationException("maximumPoolSize", "must be at least 1");
      }
      return new ReplicaConfig(this);
    }

    private static String encode(String s) {
      return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
