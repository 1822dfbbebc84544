package dev.taskstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.DatabaseTest;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskUpdate;
import dev.taskstore.TeamCreate;
import dev.taskstore.TestDatabase;
import dev.taskstore.ValidationException;
import dev.taskstore.spi.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * "Not blank" means the same in Java and in the database: a title or team name of only invisible or space
 * characters (U+00A0, U+200B, U+FEFF, U+2003, U+3000 and the rest of the set in migration V4) is refused by
 * the API with {@link ValidationException} and by the CHECK constraint when written with plain SQL; for every
 * character of the Basic Multilingual Plane, both sides give the same answer.
 */
@Tag("reliability")
class UnicodeBlankTest extends DatabaseTest {

  @ParameterizedTest
  @ValueSource(strings = {"\u00A0", "\u200B", "\uFEFF", "\u2003", "\u3000", "\u00A0\u200B\uFEFF\u2003\u3000 \t",
      "\u2007\u202F\u2060\u180E\u200C\u200D\u0085"})
  void onlyBlankCharactersAreRefusedByTheApiAndByTheDatabase(String blank) throws SQLException {
    assertRefused(() -> TaskBase.of(blank), "title");
    assertRefused(() -> TaskUpdate.builder().title(blank), "title");
    assertRefused(() -> new TeamCreate(blank), "name");

    try (Connection c = TestDatabase.connect()) {
      assertCheckViolation(c, "INSERT INTO task (title) VALUES (?)", blank, "task_title_check");
      assertCheckViolation(c, "INSERT INTO team (name) VALUES (?)", blank, "team_name_check");
    }
    assertThat(TestDatabase.queryLong("SELECT count(*) FROM task") + TestDatabase.queryLong(
        "SELECT count(*) FROM team")).isZero();
  }

  @Test
  void aVisibleCharacterBesideBlankOnesIsStoredAsGiven() {
    String title = "\u00A0\u200Bx\uFEFF\u3000";
    assertThat(store.tasks().create(TaskBase.of(title)).title()).isEqualTo(title);
    assertThat(store.teams().create(new TeamCreate("\u2003team\u2003")).name()).isEqualTo("\u2003team\u2003");
  }

  @Test
  void javaAndTheCheckConstraintAgreeOnEveryCharacterOfTheBasicMultilingualPlane() throws SQLException {
    TreeSet<Integer> java = new TreeSet<>();
    for (int cp = 1; cp <= 0xFFFF; cp++) {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        continue;
      }
      try {
        Checks.nonBlankText("title", Character.toString(cp), 500);
      } catch (ValidationException e) {
        java.add(cp);
      }
    }
    TreeSet<Integer> database = new TreeSet<>();
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
      // The constraint's own expression, evaluated for every character instead of a stored title.
      String expression;
      try (ResultSet rs = s.executeQuery("SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint "
          + "WHERE conname = 'task_title_check'")) {
        rs.next();
        expression = rs.getString(1).replace("title", "chr(cp)");
      }
      try (ResultSet rs = s.executeQuery("SELECT cp FROM generate_series(1, 65535) cp "
          + "WHERE cp NOT BETWEEN 55296 AND 57343 AND NOT (" + expression + ")")) {
        while (rs.next()) {
          database.add(rs.getInt(1));
        }
      }
    }
    List<String> hex = new ArrayList<>();
    java.forEach(cp -> hex.add(String.format("U+%04X", cp)));
    System.out.printf("[reliability] unicode blanks: %d characters of the BMP are blank in Java and in the "
        + "CHECK alike: %s%n", java.size(), hex);
    assertThat(database).as("blank characters by the CHECK constraint").isEqualTo(java);
    assertThat(java).contains(0xA0, 0x200B, 0xFEFF, 0x2003, 0x3000);
  }

  private static void assertRefused(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.reason()).isEqualTo("must not be blank");
    });
  }

  private static void assertCheckViolation(Connection c, String sql, String value, String constraint) {
    assertThatThrownBy(() -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, value);
        p.executeUpdate();
      }
    }).isInstanceOfSatisfying(PSQLException.class, e -> {
      assertThat(e.getSQLState()).isEqualTo("23514");
      assertThat(e.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
    });
  }
}
