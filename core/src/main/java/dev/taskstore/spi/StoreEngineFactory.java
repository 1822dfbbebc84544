package dev.taskstore.spi;

import dev.taskstore.TaskStoreConfig;

/** Opens engines; the core jar provides the one implementation, found with {@link java.util.ServiceLoader}. Not API. */
public interface StoreEngineFactory {

  /**
   * Opens an engine with a configuration whose database is settled (a URL, a DataSource or a connection source).
   *
   * @param config the configuration
   * @return the open engine
   */
  StoreEngine open(TaskStoreConfig config);
}
