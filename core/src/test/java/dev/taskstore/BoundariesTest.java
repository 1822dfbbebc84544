package dev.taskstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstore.spi.StoreEngineFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public packages stand on their own: none of their files imports the implementation or jOOQ. */
class BoundariesTest {

  private static final Path MAIN = Path.of("src/main/java/dev/taskstore");

  @Test
  void noPublicFileImportsTheImplementationOrTheGeneratedClasses() throws IOException {
    List<Path> publicFiles;
    try (Stream<Path> files = Stream.concat(Files.list(MAIN), Files.list(MAIN.resolve("async")))) {
      publicFiles = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(publicFiles).hasSizeGreaterThan(40);
    for (Path file : publicFiles) {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(source).as(file.toString())
          .doesNotContain("import dev.taskstore.internal")
          .doesNotContain("import org.jooq");
    }
  }

  @Test
  void theEngineIsFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(StoreEngineFactory.class).findFirst()).isPresent();
  }
}
