/**
 * taskstore: a typed persistence layer for a task domain on PostgreSQL. The API is {@code dev.taskstore} and
 * {@code dev.taskstore.async}; nothing else is exported (the implementation, its service interface and the jOOQ
 * classes generated from the migrations stay inside). The migrations are open to reflection so that Flyway, in
 * whatever module it runs, can read them.
 */
module dev.taskstore {
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.jooq;
  requires org.postgresql.jdbc;
  requires org.slf4j;
  // Flyway and the embedded PostgreSQL name no module of their own: these are their automatic-module names.
  requires flyway.core;
  requires static embedded.postgres;
  // Optional: loaded only when the application passes an ObservationRegistry.
  requires static micrometer.observation;
  requires static micrometer.commons;

  exports dev.taskstore;
  exports dev.taskstore.async;

  opens dev.taskstore.migration;

  uses dev.taskstore.spi.StoreEngineFactory;
  provides dev.taskstore.spi.StoreEngineFactory with dev.taskstore.internal.DefaultStoreEngine.Factory;
}
