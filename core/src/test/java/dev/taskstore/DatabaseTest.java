package dev.taskstore;

import org.junit.jupiter.api.BeforeEach;

/** Base of tests that use the shared store: every test starts with empty tables. */
public abstract class DatabaseTest {

  /** The shared store. */
  protected TaskStore store;

  @BeforeEach
  void emptyTables() {
    TestDatabase.truncate();
    store = TestDatabase.store();
  }
}
