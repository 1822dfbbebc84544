package dev.taskstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstore.ValidationException;
import org.junit.jupiter.api.Test;

/** WAL positions as consistency tokens, and the record end taken from an insert position. */
class LsnTest {

  @Test
  void tokenRoundTripsPostgresqlsTextForm() {
    assertThat(Lsn.parse("0/3016F08")).isEqualTo(0x3016F08L);
    assertThat(Lsn.parse("1A/0")).isEqualTo(0x1AL << 32);
    assertThat(Lsn.format(0x3016F08L)).isEqualTo("0/3016F08");
    assertThat(Lsn.format(0)).isEqualTo("0/0");
    long big = (0xFFFFFFFFL << 32) | 0xFFFFFFFFL;
    assertThat(Lsn.parse(Lsn.format(big))).isEqualTo(big);
  }

  @Test
  void malformedTokensAreRefusedNamingTheToken() {
    for (String bad : new String[] {"", "0", "0/", "/1", "0/3016F08x", "123456789/0", "g/1", "0 /1"}) {
      assertThatThrownBy(() -> Lsn.parse(bad)).as(bad)
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("token"));
    }
    assertThatThrownBy(() -> Lsn.parse(null)).isInstanceOf(ValidationException.class);
  }

  @Test
  void anInsertPositionJustPastAPageHeaderBecomesThePageBoundary() {
    long page = 8192;
    assertThat(Lsn.recordEnd(5 * page + 24)).isEqualTo(5 * page);
    assertThat(Lsn.recordEnd((16L << 20) + 40)).isEqualTo(16L << 20);
    assertThat(Lsn.recordEnd(5 * page + 40)).as("inside a page that starts no segment").isEqualTo(5 * page + 40);
    assertThat(Lsn.recordEnd(5 * page + 100)).isEqualTo(5 * page + 100);
    assertThat(Lsn.recordEnd(5 * page)).isEqualTo(5 * page);
  }
}
