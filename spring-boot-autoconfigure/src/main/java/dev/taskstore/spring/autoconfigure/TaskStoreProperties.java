package dev.taskstore.spring.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code taskstore.*} properties. Connections come from the application's DataSource (configure the pool
 * with {@code spring.datasource.*}), so taskstore's own pool settings do not exist here.
 */
@ConfigurationProperties("taskstore")
public class TaskStoreProperties {

  /**
   * Schema that holds taskstore's tables and its migration history (taskstore_schema_history): a lowercase
   * identifier (a-z, 0-9 and _, not starting with a digit or pg_, at most 63 characters).
   */
  private String schema = "public"; // literals, not core's constants, so that the metadata shows the defaults

  /**
   * Whether to run taskstore's bundled migrations at start-up, before the application's own Flyway.
   */
  private boolean migrate = true;

  /**
   * How many asynchronous calls may wait for a connection; a call beyond that fails at once.
   */
  private int asyncQueueCapacity = 10_000;

  /**
   * How many asynchronous calls run (and hold a connection of the DataSource) at once; default 10, HikariCP's
   * default pool size. Keep it below the DataSource's maximum pool size.
   */
  private Integer asyncConcurrency;

  /**
   * How many round trips asynchronous reads of a task by id may have running at once; further ones wait to share
   * one. Default 4; up to async-concurrency.
   */
  private int asyncReadRoundTrips = 4;

  /**
   * Name of taskstore's asynchronous executor threads and log lines.
   */
  private String poolName = "taskstore";

  /**
   * How long closing the store at shutdown waits for asynchronous calls in flight.
   */
  private Duration shutdownTimeout = Duration.ofSeconds(30);

  /**
   * Duration above which a database call is logged at WARN on logger dev.taskstore.sql, with its operation;
   * zero (the default) for never, else at least 1 ms.
   */
  private Duration slowCallThreshold = Duration.ZERO;

  /**
   * Whether the spans of database calls carry db.query.text, the parameterised SQL (never bound values).
   */
  private boolean observeQueryText = false;

  public String getSchema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = schema;
  }

  public boolean isMigrate() {
    return migrate;
  }

  public void setMigrate(boolean migrate) {
    this.migrate = migrate;
  }

  public int getAsyncQueueCapacity() {
    return asyncQueueCapacity;
  }

  public void setAsyncQueueCapacity(int asyncQueueCapacity) {
    this.asyncQueueCapacity = asyncQueueCapacity;
  }

  public Integer getAsyncConcurrency() {
    return asyncConcurrency;
  }

  public void setAsyncConcurrency(Integer asyncConcurrency) {
    this.asyncConcurrency = asyncConcurrency;
  }

  public int getAsyncReadRoundTrips() {
    return asyncReadRoundTrips;
  }

  public void setAsyncReadRoundTrips(int asyncReadRoundTrips) {
    this.asyncReadRoundTrips = asyncReadRoundTrips;
  }

  public String getPoolName() {
    return poolName;
  }

  public void setPoolName(String poolName) {
    this.poolName = poolName;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public Duration getSlowCallThreshold() {
    return slowCallThreshold;
  }

  public void setSlowCallThreshold(Duration slowCallThreshold) {
    this.slowCallThreshold = slowCallThreshold;
  }

  public boolean isObserveQueryText() {
    return observeQueryText;
  }

  public void setObserveQueryText(boolean observeQueryText) {
    this.observeQueryText = observeQueryText;
  }
}
