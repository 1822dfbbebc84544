package dev.taskstore.bench;

/**
 * What a benchmark JVM (a JMH fork) needs to know about the run, passed by {@link BenchMain} as system
 * properties: the server's URL and the shape of the data set. The forks connect to the one server the
 * harness started; they never start one of their own.
 */
final class BenchEnv {

  /** The embedded server's JDBC URL. */
  static final String URL = required("bench.url");
  /** Tasks in the table: their ids are exactly 1..TASKS while a benchmark runs (see {@link Dataset}). */
  static final long TASKS = Long.parseLong(required("bench.tasks"));
  /** Users in the table: ids 1..USERS. */
  static final long USERS = Dataset.USERS;
  /** Connections in each system's pool; the same for taskstore and the baseline. */
  static final int POOL_SIZE = 16;
  /**
   * Rows the delete pool prepares at a time, and again whenever they are used up. Only how often the untimed
   * refill runs depends on it, not how many deletes an iteration can make: one INSERT of this many rows takes
   * the server a few tenths of a second.
   */
  static final int DELETE_CHUNK = 10_000;

  /** Page size of the keyset benchmark. */
  static final int PAGE_SIZE = 50;
  /** Rows per bulk insert. */
  static final int BULK_ROWS = 10_000;
  /** Rows per million-row bulk insert (full and dev runs only: a shot takes 15-30 s). */
  static final int LARGE_BULK_ROWS = 1_000_000;
  /** Calls in flight in the asynchronous benchmark. */
  static final int IN_FLIGHT = 64;

  private BenchEnv() {}

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set: run the benchmarks through "
          + "BenchMain (./mvnw -q -pl bench -am compile exec:exec), which starts the server and passes it");
    }
    return value;
  }
}
