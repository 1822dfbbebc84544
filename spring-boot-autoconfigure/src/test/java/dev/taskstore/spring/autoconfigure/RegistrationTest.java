package dev.taskstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** What META-INF registers, as Boot loads it; and the detector's order before Flyway's. */
class RegistrationTest {

  @Test
  void theAutoConfigurationsAreImported() {
    List<String> imported = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates();
    assertThat(imported).contains(TaskStoreAutoConfiguration.class.getName(),
        TaskStoreHealthAutoConfiguration.class.getName(), TaskStoreProblemDetailsAutoConfiguration.class.getName());
  }

  @Test
  void theDetectorIsOrderedBeforeFlywaysAndTheFailureAnalyzerIsRegistered() {
    List<DatabaseInitializerDetector> detectors =
        SpringFactoriesLoader.forDefaultResourceLocation().load(DatabaseInitializerDetector.class);
    assertThat(detectors).first().isInstanceOf(TaskStoreDatabaseInitializerDetector.class); // sorted by order
    assertThat(detectors).filteredOn(d -> d.getClass().getName().contains("Flyway"))
        .isNotEmpty().allSatisfy(d -> assertThat(d.getOrder()).isGreaterThan(TaskStoreDatabaseInitializerDetector.ORDER));
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
        (type, name, failure) -> { })) // Boot's own need a context to be made; skip them
        .hasAtLeastOneElementOfType(InvalidTaskStorePropertyFailureAnalyzer.class);
  }
}
