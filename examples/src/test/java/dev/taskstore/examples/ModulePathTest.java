package dev.taskstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that is itself a JPMS module uses taskstore from the module path: it reads only
 * {@code dev.taskstore} and {@code dev.taskstore.async}, the implementation and the generated jOOQ classes stay
 * hidden, and the store opens, migrates and stores on the embedded PostgreSQL. (Every other test of the build
 * uses taskstore from the class path, as an automatic-module or plain class-path application does.)
 */
class ModulePathTest {

  private static final String MODULE_INFO = """
      module app {
        requires dev.taskstore;
        requires embedded.postgres;
      }
      """;

  private static final String MAIN = """
      package app;

      import dev.taskstore.EmbeddedDatabase;
      import dev.taskstore.TaskBase;
      import dev.taskstore.TaskFilter;
      import dev.taskstore.TaskStore;
      import dev.taskstore.TaskStoreConfig;

      public class Main {
        public static void main(String[] args) throws Exception {
          Module core = TaskStore.class.getModule();
          System.out.println("module " + core.getName() + " exports " + core.getDescriptor().exports().stream()
              .map(e -> e.source()).sorted().toList());
          try (EmbeddedDatabase db = EmbeddedDatabase.start();
              TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(db.jdbcUrl()).build())) {
            System.out.println("migrations " + store.migrate());
            long user = store.users().create("mod@example.org").id();
            store.tasks().create(TaskBase.builder("on the module path").userId(user).build());
            System.out.println("tasks " + store.tasks().count(TaskFilter.all()));
            System.out.println("async tasks " + store.async().tasks().count(TaskFilter.all()).get());
          }
          try {
            Class.forName("dev.taskstore.internal.Database").getDeclaredConstructors()[0].setAccessible(true);
            System.out.println("internal reachable");
          } catch (RuntimeException e) {
            System.out.println("internal hidden: " + e.getClass().getSimpleName());
          }
        }
      }
      """;

  @Test
  void anApplicationModuleUsesTheExportedApiAndTheRestStaysHidden(@TempDir Path dir) throws Exception {
    String modulePath = modulePath();
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(src.resolve("app/Main.java"), MAIN);
    Path out = dir.resolve("out");

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "-d", out.toString(), "--module-path", modulePath,
        src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
    assertThat(compiled).as("javac of the application module").isZero();

    String java = ProcessHandle.current().info().command().orElse("java");
    // ALL-MODULE-PATH: the embedded PostgreSQL is an automatic module, whose own needs (xz, commons-compress)
    // nothing else names; taskstore's own needs are all named in its module-info.
    Process p = new ProcessBuilder(java, "--module-path", out + File.pathSeparator + modulePath,
        "--add-modules", "ALL-MODULE-PATH", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-m", "app/app.Main").redirectErrorStream(true).start();
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("the application ended: %s", output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("module dev.taskstore exports [dev.taskstore, dev.taskstore.async]")
        .contains("migrations 6").contains("tasks 1").contains("async tasks 1")
        .contains("internal hidden: InaccessibleObjectException");
  }

  /** taskstore and what an application needs beside it: this test's class path less the test tools. */
  private static String modulePath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean testTool = Arrays.asList("junit", "opentest4j", "apiguardian", "assertj", "surefire", "byte-buddy")
          .stream().anyMatch(name::contains);
      boolean thisModule = entry.contains("examples" + File.separator + "target");
      if (!testTool && !thisModule && Files.exists(Path.of(entry))) {
        entries.add(entry);
      }
    }
    return entries.stream().collect(Collectors.joining(File.pathSeparator));
  }
}
