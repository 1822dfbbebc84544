package dev.taskstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak harness in small: 20 seconds of the same 16 threads of mixed calls with a restart every 7 seconds
 * (the first clean, the second SIGKILL), and the same check of every acknowledged write at the end.
 */
class SoakTest {

  @TempDir
  Path temp;

  @Test
  void noAcknowledgedWriteIsLostThroughACleanRestartAndAKill() throws Exception {
    Soak.Settings settings = new Soak.Settings(Duration.ofSeconds(20), Duration.ofSeconds(7),
        Duration.ofSeconds(5), 16, temp.resolve("soak"));

    Soak.Result r = new Soak(settings).run();
    System.out.println(Soak.markdown(r));

    assertThat(r.restarts()).as("restarts").hasSize(2);
    assertThat(r.restarts().get(1).kill()).as("the second restart is a SIGKILL").isTrue();
    assertThat(r.acknowledgedWrites()).as("writes acknowledged").isPositive();
    assertThat(r.restartFailures()).as("calls failed during the restarts").isNotEmpty();
    assertThat(r.lost()).as("acknowledged writes lost").isEmpty();
    assertThat(r.halfApplied()).as("writes of unknown outcome half applied").isEmpty();
    assertThat(r.readMismatches()).as("reads that saw other content than the last acknowledged write").isZero();
    assertThat(r.unexpectedSamples()).as("failures other than ConnectionException or RetryableException").isEmpty();
    assertThat(r.passed()).isTrue();
  }
}
