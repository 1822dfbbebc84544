package dev.taskstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import dev.taskstore.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** {@code DATABASE_URL} in the forms taskstore accepts becomes the pool's JDBC URL and credentials (no server). */
class DatabaseUrlTest {

  @Test
  void aPostgresUrlWithCredentialsIsSplit() {
    HikariConfig config = DatabaseConfiguration.hikariConfig(new MockEnvironment()
        .withProperty("DATABASE_URL", "postgres://ann:s%40cret@db.example.org:6543/tasks?sslmode=require"));
    assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6543/tasks?sslmode=require");
    assertThat(config.getUsername()).isEqualTo("ann");
    assertThat(config.getPassword()).isEqualTo("s@cret");
  }

  @Test
  void aJdbcUrlPassesThroughAndUserAndPasswordComeFromTheirVariables() {
    HikariConfig config = DatabaseConfiguration.hikariConfig(new MockEnvironment()
        .withProperty("DATABASE_URL", "jdbc:postgresql://localhost:5432/tasks")
        .withProperty("DATABASE_USER", "bob").withProperty("DATABASE_PASSWORD", "pw"));
    assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/tasks");
    assertThat(config.getUsername()).isEqualTo("bob");
    assertThat(config.getPassword()).isEqualTo("pw");
  }

  @Test
  void aMalformedUrlIsRefusedNamingTheVariableWithoutEchoingIt() {
    assertThatThrownBy(() -> DatabaseConfiguration.hikariConfig(new MockEnvironment()
        .withProperty("DATABASE_URL", "mysql://ann:secret@host/db")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("DATABASE_URL"))
        .message().doesNotContain("secret");
  }
}
