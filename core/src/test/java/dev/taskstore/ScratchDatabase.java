package dev.taskstore;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An empty database of its own on the shared server for each test (register with {@code @RegisterExtension}),
 * dropped afterwards, for tests that need the whole database: migrations, schemas, an application's tables.
 */
final class ScratchDatabase implements BeforeEachCallback, AfterEachCallback {

  private final String name;
  private String url;

  ScratchDatabase(String name) {
    this.name = name;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    url = TestDatabase.createDatabase(name);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestDatabase.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** The JDBC URL of this test's database. */
  String url() {
    return url;
  }

  /** Runs SQL on a fresh connection to this test's database. */
  void execute(String sql) {
    TestDatabase.execute(url, sql);
  }

  /** The first column of every row of a query on this test's database. */
  List<String> strings(String sql) {
    return TestDatabase.strings(url, sql);
  }
}
