package dev.taskstore.bench;

import dev.taskstore.EmbeddedDatabase;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;

/** A fresh embedded PostgreSQL, migrated by taskstore and seeded with the bench's data set, for one test class. */
final class SeededServer implements AutoCloseable {

  private final EmbeddedDatabase server;
  private final Dataset data;

  private SeededServer(long tasks) {
    server = EmbeddedDatabase.start();
    TaskStore.open(TaskStoreConfig.builder().url(server.jdbcUrl()).migrateOnOpen(true).build()).close();
    data = new Dataset(server.jdbcUrl());
    data.seed(tasks);
  }

  /** Starts, migrates and seeds {@code tasks} tasks. */
  static SeededServer start(long tasks) {
    return new SeededServer(tasks);
  }

  /** The server's JDBC URL. */
  String url() {
    return server.jdbcUrl();
  }

  /** The seeded data set. */
  Dataset data() {
    return data;
  }

  @Override
  public void close() {
    server.close();
  }
}
