package dev.taskstore;

/** Whether taskstore keeps a connection pool. */
public enum PoolMode {
  /** A HikariCP pool with the guide's production settings: the default. */
  POOLED,
  /**
   * No pool, the guide's {@code NullPool}: a fresh connection for each unit of work, closed afterwards. For
   * serverless jobs and for external poolers such as PgBouncer (in transaction pooling mode also set
   * {@code prepareThreshold=0} in the URL, which turns off server-side prepared statements).
   */
  NONE
}
