package dev.taskstore.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Generates taskstore's internal jOOQ classes from its Flyway migrations.
 *
 * <p>Starts an embedded PostgreSQL, applies every migration in the given folder with Flyway, and runs
 * jOOQ's {@link GenerationTool} against the resulting schema. The migrations stay the single source of
 * truth: nothing generated is committed. When the migrations (and this tool's settings) are unchanged
 * since the last run, the tool returns at once, so rebuilds stay fast.
 *
 * <p>Usage: {@code GenerateJooq <migrations-dir> <output-dir> <package>}
 */
public final class GenerateJooq {

  /** Bump when the generator settings below change, so that existing output is regenerated. */
  private static final String SETTINGS_VERSION = "2";

  /** taskstore's Flyway history table (as in the core's {@code Migrations}); not a table to generate. */
  private static final String HISTORY_TABLE = "taskstore_schema_history";

  private static final String STAMP_FILE = ".taskstore-codegen.sha256";

  private GenerateJooq() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: GenerateJooq <migrations-dir> <output-dir> <package>");
      System.exit(2);
    }
    Path migrations = Path.of(args[0]).toAbsolutePath();
    Path output = Path.of(args[1]).toAbsolutePath();
    String packageName = args[2];
    if (!Files.isDirectory(migrations)) {
      throw new IllegalArgumentException("migrations folder not found: " + migrations);
    }

    String fingerprint = fingerprint(migrations, packageName);
    Path stamp = output.resolve(STAMP_FILE);
    if (Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(fingerprint)) {
      System.out.println("[taskstore-codegen] migrations unchanged, jOOQ sources are up to date");
      return;
    }

    long start = System.nanoTime();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      Flyway.configure()
          .dataSource(url, "postgres", "postgres")
          .locations("filesystem:" + migrations)
          .table(HISTORY_TABLE)
          .load()
          .migrate();
      deleteRecursively(output);
      GenerationTool.generate(configuration(url, output, packageName));
    }
    Files.createDirectories(output);
    Files.writeString(stamp, fingerprint + "\n");
    System.out.printf("[taskstore-codegen] generated jOOQ sources in %s (%d ms)%n",
        output, (System.nanoTime() - start) / 1_000_000);
  }

  private static Configuration configuration(String url, Path output, String packageName) {
    return new Configuration()
        .withLogging(org.jooq.meta.jaxb.Logging.WARN)
        .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url)
            .withUser("postgres").withPassword("postgres"))
        .withGenerator(new Generator()
            .withDatabase(new Database()
                .withName("org.jooq.meta.postgres.PostgresDatabase")
                // The tables keep their schema, public, so that a store maps it to the schema it was
                // configured with (jOOQ's render mapping) when it renders its SQL.
                .withInputSchema("public")
                .withExcludes(HISTORY_TABLE))
            .withGenerate(new Generate()
                .withJavaTimeTypes(true)
                .withRecords(true)
                .withKeys(true)
                .withIndexes(true)
                .withPojos(false)
                .withDaos(false)
                .withRoutines(false)
                .withSequences(true)
                .withGeneratedAnnotation(false)
                .withComments(true))
            .withTarget(new Target()
                .withPackageName(packageName)
                .withDirectory(output.toString())
                .withClean(true)));
  }

  /** A hash over every migration's name and content, plus the settings that shape the output. */
  private static String fingerprint(Path migrations, String packageName)
      throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((SETTINGS_VERSION + "\n" + packageName + "\n").getBytes(StandardCharsets.UTF_8));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(migrations)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      sha.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Files.readAllBytes(file));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
