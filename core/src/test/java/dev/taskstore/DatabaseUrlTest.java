package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # given                                                        | jdbc URL                                              | user  | password
      jdbc:postgresql://db.internal:5432/tasks?sslmode=require         | jdbc:postgresql://db.internal:5432/tasks?sslmode=require | -   | -
      jdbc:postgresql:tasks                                            | jdbc:postgresql:tasks                                 | -     | -
      postgresql://app:secret@db.internal:5432/tasks                   | jdbc:postgresql://db.internal:5432/tasks              | app   | secret
      postgres://app:secret@db.internal/tasks                          | jdbc:postgresql://db.internal:5432/tasks              | app   | secret
      postgresql+asyncpg://user:pass@localhost:5433/db                 | jdbc:postgresql://localhost:5433/db                   | user  | pass
      postgresql+psycopg2://user@host/db                               | jdbc:postgresql://host:5432/db                        | user  | -
      postgresql://us%40er:p%40ss%3Aw%2Fo%3Frd%25@host/db              | jdbc:postgresql://host:5432/db                        | us@er | p@ss:w/o?rd%
      postgresql://u:a+b@host/db                                       | jdbc:postgresql://host:5432/db                        | u     | a+b
      postgresql://u:p@[::1]:5433/db                                   | jdbc:postgresql://[::1]:5433/db                       | u     | p
      postgresql://[2001:db8::1]/db                                    | jdbc:postgresql://[2001:db8::1]:5432/db               | -     | -
      postgresql://h/db?sslmode=verify-full&application_name=jobs      | jdbc:postgresql://h:5432/db?sslmode=verify-full&application_name=jobs | - | -
      postgresql+asyncpg://h/db?ssl=require                            | jdbc:postgresql://h:5432/db?sslmode=require           | -     | -
      postgresql://h1:5432,h2:5433/db?targetServerType=primary         | jdbc:postgresql://h1:5432,h2:5433/db?targetServerType=primary | - | -
      postgresql:///db                                                 | jdbc:postgresql://localhost:5432/db                   | -     | -
      postgresql://h/my%20db                                           | jdbc:postgresql://h:5432/my%20db                      | -     | -
      PostgreSQL://H/db                                                | jdbc:postgresql://H:5432/db                           | -     | -
      postgresql://:secret@h/db                                        | jdbc:postgresql://h:5432/db                           | -     | secret
      """)
  void acceptedFormsBecomeAJdbcUrlAndCredentials(String given, String jdbcUrl, String user, String password) {
    DatabaseUrl url = DatabaseUrl.parse(given);
    assertThat(url.jdbcUrl()).isEqualTo(jdbcUrl);
    assertThat(url.user()).isEqualTo(user);
    assertThat(url.password()).isEqualTo(password);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # given                                 | the message says
      mysql://root:secret@h/db                | has unsupported scheme 'mysql'
      mariadb://root:secret@h/db              | has unsupported scheme 'mariadb'
      jdbc:mysql://h/db                       | must start with postgresql://
      localhost:5432/db                       | must start with postgresql://
      '   '                                   | must not be blank
      postgresql://u:secret@h:99999/db        | has a port outside 1..65535
      postgresql://u:secret@h:abc/db          | has a port that is not a number
      postgresql://u:secret@[::1/db           | has an IPv6 host without a closing ']'
      postgresql://u:secret@[::1]x/db         | has text after the IPv6 host that is not a port
      postgresql://u:secret@::1/db            | has an IPv6 host without brackets
      postgresql://u:sec/ret@h/db             | has an '@' after the host
      postgresql://u:sec?ret@h/db             | has a port that is not a number
      postgresql://u:sec%zzret@h/db           | has a malformed percent-encoding in the password
      postgresql://u:secret@:5432/db          | has an empty host
      jdbc:postgresql://u:secret@h/db         | is not a valid jdbc:postgresql: URL
      jdbc:postgresql://h:secret/db           | has a port that is not a number
      """)
  void badUrlsFailNamingTheRuleButNeverThePassword(String given, String expected) {
    assertThatThrownBy(() -> DatabaseUrl.parse(given))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("url");
          assertThat(e.getMessage()).contains(expected).doesNotContain("secret").doesNotContain("sec/ret")
              .doesNotContain("ret@");
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      postgresql://app:s3cr3t@h/db
      jdbc:postgresql://h/db?user=app&password=s3cr3t&sslmode=require
      """)
  void toStringNeverShowsThePassword(String given) {
    assertThat(DatabaseUrl.parse(given).toString()).doesNotContain("s3cr3t").contains("****");
  }
}
